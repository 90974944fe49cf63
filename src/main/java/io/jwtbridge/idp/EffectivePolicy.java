package io.jwtbridge.idp;

import io.jwtbridge.idp.TokenPolicy.ClaimMapping;
import io.jwtbridge.idp.TokenPolicy.In;
import io.jwtbridge.idp.TokenPolicy.KeysSource;
import io.jwtbridge.idp.TokenPolicy.Preset;
import io.jwtbridge.idp.TokenPolicy.RequiredClaim;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a login applies: the IdP's {@link TokenPolicy} with every empty member filled from its preset
 * ({@link GatewayPresets}) or from its {@code jwt_config}. Made once per stored version of the IdP.
 *
 * @param sources where the token is looked for, in order; the first present one is used
 * @param paddedBase64 the gateway pads its base64url ({@code =}), which RFC 7515 forbids (AWS ALB)
 * @param algorithms null: every algorithm the bridge accepts; else these only
 */
public record EffectivePolicy(
        Preset preset,
        List<Source> sources,
        boolean paddedBase64,
        KeysSource keysSource,
        String jwksUrl,
        Map<String, Object> inlineJwks,
        String pemUrlTemplate,
        Set<String> algorithms,
        List<String> audiences,
        Duration clockSkew,
        Duration maxTokenAge,
        boolean requireJti,
        List<RequiredClaim> requiredClaims,
        String signer,
        ClaimMapping claimMapping,
        boolean trustEmailVerified) {

    /**
     * @param prefix null: none
     * @param prefixOptional the value may also be the bare JWT (the {@code Bearer } of a default source)
     */
    public record Source(In in, String name, String prefix, boolean prefixOptional) {

        public String describe() {
            return (in == In.HEADER ? "header " : "cookie ") + name;
        }
    }

    /** Whether a claim mapping or email rule applies (else the profile is read as without a policy). */
    public boolean mapsClaims() {
        return claimMapping != null || !trustEmailVerified;
    }
}
