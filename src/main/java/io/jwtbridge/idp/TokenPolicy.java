package io.jwtbridge.idp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An IdP's token policy as the admin set it (docs/admin-api.md#token-policy): every member absent
 * or empty means its default, which reproduces the checks of an IdP without a policy. What a login
 * applies is {@link EffectivePolicy}: this policy over the IdP's preset and {@code jwt_config}.
 *
 * @param preset the gateway whose fixed choices fill the members left empty
 * @param tokenSources where the token is looked for, in order (empty: the preset's, else the
 *     {@code headerName} header)
 * @param keys where the keys are (null: the preset's, else the JWKS at {@code keysEndpoint})
 * @param allowedAlgorithms empty: the preset's, else every algorithm the bridge accepts
 * @param audiences any one must be in {@code aud} (empty: {@code jwt_config}'s audience, if any)
 * @param clockSkew leeway of {@code exp}, {@code nbf}, {@code iat} and {@code maxTokenAge}
 * @param maxTokenAge null: none; else {@code iat} is required and not older
 * @param requireJti {@code jti} required and accepted once while the token is valid
 * @param requiredClaims further claims each token must carry
 * @param signer null: none; else the JWT header's {@code signer} must equal it (AWS ALB)
 * @param claimMapping null: the standard OIDC claims
 * @param trustEmailVerified false: users get {@code email_verified: false} whatever the token says
 */
public record TokenPolicy(
        Preset preset,
        List<TokenSource> tokenSources,
        Keys keys,
        List<String> allowedAlgorithms,
        List<String> audiences,
        Duration clockSkew,
        Duration maxTokenAge,
        boolean requireJti,
        List<RequiredClaim> requiredClaims,
        String signer,
        ClaimMapping claimMapping,
        boolean trustEmailVerified) {

    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    public static final TokenPolicy DEFAULT = new TokenPolicy(
            Preset.NONE,
            List.of(),
            null,
            List.of(),
            List.of(),
            DEFAULT_CLOCK_SKEW,
            null,
            false,
            List.of(),
            null,
            null,
            true);

    public TokenPolicy {
        preset = preset == null ? Preset.NONE : preset;
        tokenSources = tokenSources == null ? List.of() : List.copyOf(tokenSources);
        allowedAlgorithms = allowedAlgorithms == null ? List.of() : List.copyOf(allowedAlgorithms);
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        requiredClaims = requiredClaims == null ? List.of() : List.copyOf(requiredClaims);
    }

    /** A gateway whose fixed choices a policy may take over. */
    public enum Preset {
        NONE,
        CLOUDFLARE_ACCESS,
        GOOGLE_IAP,
        AWS_ALB,
        POMERIUM
    }

    public enum In {
        HEADER,
        COOKIE
    }

    /**
     * A place the token is looked for.
     *
     * @param prefix null: the value is the JWT; else the value must start with it (any case), and
     *     the JWT follows it
     */
    public record TokenSource(In in, String name, String prefix) {}

    public enum KeysSource {
        JWKS_URL,
        INLINE_JWKS,
        PEM_URL_BY_KID
    }

    /**
     * @param inlineJwks the public keys themselves (INLINE_JWKS)
     * @param pemUrlTemplate a URL with {@code {kid}}, answering one PEM public key (PEM_URL_BY_KID)
     */
    public record Keys(KeysSource source, Map<String, Object> inlineJwks, String pemUrlTemplate) {}

    /**
     * A claim each token must carry: the value at {@code path} equals {@code equals}, or contains
     * {@code contains} (an array holding it, or a string equal to it), or is a string in which
     * {@code matches} finds a match. Exactly one of the three is set.
     */
    public record RequiredClaim(JsonPointer path, Object equals, Object contains, Pattern matches) {

        @Override
        public boolean equals(Object other) {
            return other instanceof RequiredClaim that
                    && path.equals(that.path)
                    && java.util.Objects.equals(equals, that.equals)
                    && java.util.Objects.equals(contains, that.contains)
                    && java.util.Objects.equals(
                            matches == null ? null : matches.pattern(),
                            that.matches == null ? null : that.matches.pattern());
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(path, equals, contains, matches == null ? null : matches.pattern());
        }
    }

    /**
     * Ordered JSON Pointer lists, the first present value wins; a null list is the standard claim.
     */
    public record ClaimMapping(
            List<JsonPointer> userName,
            List<JsonPointer> email,
            List<JsonPointer> emailVerified,
            List<JsonPointer> givenName,
            List<JsonPointer> familyName,
            List<JsonPointer> displayName,
            List<JsonPointer> locale,
            List<JsonPointer> roles) {}
}
