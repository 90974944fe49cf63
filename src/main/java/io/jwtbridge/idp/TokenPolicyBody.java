package io.jwtbridge.idp;

import io.jwtbridge.idp.TokenPolicy.ClaimMapping;
import io.jwtbridge.idp.TokenPolicy.In;
import io.jwtbridge.idp.TokenPolicy.KeysSource;
import io.jwtbridge.idp.TokenPolicy.Preset;
import io.jwtbridge.idp.TokenPolicy.RequiredClaim;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The token policy as JSON (docs/admin-api.md#token-policy): the body of
 * {@code PUT /admin/v1/idps/{id}/policy} and of the optional {@code policy} on create, what the
 * GETs show, and what is stored. An absent member is its default.
 */
record TokenPolicyBody(
        Preset preset,
        List<SourceBody> tokenSources,
        KeysBody keys,
        List<String> allowedAlgorithms,
        List<String> audiences,
        String clockSkew,
        String maxTokenAge,
        Boolean requireJti,
        List<RequiredClaimBody> requiredClaims,
        String signer,
        ClaimMappingBody claimMapping,
        Boolean trustEmailVerified) {

    record SourceBody(In in, String name, String prefix) {}

    record KeysBody(KeysSource source, Map<String, Object> inlineJwks, String pemUrlTemplate) {}

    record RequiredClaimBody(String path, Object equals, Object contains, String matches) {}

    record ClaimMappingBody(
            List<String> userName,
            List<String> email,
            List<String> emailVerified,
            List<String> givenName,
            List<String> familyName,
            List<String> displayName,
            List<String> locale,
            List<String> roles) {}

    /** The policy with its defaults written out, as the GETs show it. */
    static TokenPolicyBody of(TokenPolicy policy) {
        return new TokenPolicyBody(
                policy.preset(),
                policy.tokenSources().stream()
                        .map(source -> new SourceBody(source.in(), source.name(), source.prefix()))
                        .toList(),
                policy.keys() == null
                        ? null
                        : new KeysBody(
                                policy.keys().source(),
                                policy.keys().inlineJwks(),
                                policy.keys().pemUrlTemplate()),
                policy.allowedAlgorithms(),
                policy.audiences(),
                format(policy.clockSkew()),
                policy.maxTokenAge() == null ? null : format(policy.maxTokenAge()),
                policy.requireJti(),
                policy.requiredClaims().stream().map(TokenPolicyBody::claim).toList(),
                policy.signer(),
                mapping(policy.claimMapping()),
                policy.trustEmailVerified());
    }

    private static RequiredClaimBody claim(RequiredClaim claim) {
        return new RequiredClaimBody(
                claim.path().text(),
                claim.equals(),
                claim.contains(),
                claim.matches() == null ? null : claim.matches().pattern());
    }

    private static ClaimMappingBody mapping(ClaimMapping mapping) {
        if (mapping == null) {
            return null;
        }
        return new ClaimMappingBody(
                texts(mapping.userName()),
                texts(mapping.email()),
                texts(mapping.emailVerified()),
                texts(mapping.givenName()),
                texts(mapping.familyName()),
                texts(mapping.displayName()),
                texts(mapping.locale()),
                texts(mapping.roles()));
    }

    private static List<String> texts(List<JsonPointer> pointers) {
        return pointers == null
                ? null
                : pointers.stream().map(JsonPointer::text).toList();
    }

    /** {@code 60s}, {@code 90s}, {@code 10m}, {@code 1h}: the largest whole unit, but a minute as {@code 60s}. */
    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 60 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
