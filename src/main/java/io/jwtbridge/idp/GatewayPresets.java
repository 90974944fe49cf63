package io.jwtbridge.idp;

import io.jwtbridge.idp.EffectivePolicy.Source;
import io.jwtbridge.idp.TokenPolicy.In;
import io.jwtbridge.idp.TokenPolicy.KeysSource;
import io.jwtbridge.idp.TokenPolicy.Preset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What each gateway fixes (docs/waf-guides.md): the header or cookie it puts its JWT in, its
 * algorithm, where its keys are; AWS ALB also pads its base64url. A preset fills only the members a
 * policy leaves empty; the per-deployment values (audience, team domain, region, signer) are the
 * admin's.
 */
final class GatewayPresets {

    static final String BEARER = "Bearer ";

    private GatewayPresets() {}

    static EffectivePolicy effective(TokenPolicy policy, JwtConfig config, boolean headerNameGiven) {
        Preset preset = policy.preset();
        List<Source> sources;
        if (!policy.tokenSources().isEmpty()) {
            sources = policy.tokenSources().stream()
                    .map(source -> new Source(source.in(), source.name(), source.prefix(), false))
                    .toList();
        } else if (preset != Preset.NONE && !headerNameGiven) {
            sources = sources(preset);
        } else {
            sources = List.of(new Source(In.HEADER, config.headerName(), BEARER, true));
        }
        KeysSource keysSource = policy.keys() != null
                ? policy.keys().source()
                : preset == Preset.AWS_ALB ? KeysSource.PEM_URL_BY_KID : KeysSource.JWKS_URL;
        String template = policy.keys() != null && policy.keys().pemUrlTemplate() != null
                ? policy.keys().pemUrlTemplate()
                : pemTemplateOf(config.keysEndpoint());
        Set<String> algorithms = !policy.allowedAlgorithms().isEmpty()
                ? new LinkedHashSet<>(policy.allowedAlgorithms())
                : algorithms(preset);
        List<String> audiences = !policy.audiences().isEmpty()
                ? policy.audiences()
                : config.audience() == null ? List.of() : List.of(config.audience());
        return new EffectivePolicy(
                preset,
                sources,
                preset == Preset.AWS_ALB,
                keysSource,
                config.keysEndpoint(),
                policy.keys() == null ? null : policy.keys().inlineJwks(),
                keysSource == KeysSource.PEM_URL_BY_KID ? template : null,
                algorithms,
                audiences,
                policy.clockSkew(),
                policy.maxTokenAge(),
                policy.requireJti(),
                policy.requiredClaims(),
                policy.signer(),
                policy.claimMapping(),
                policy.trustEmailVerified());
    }

    /** The keys endpoint as a PEM-by-kid template: {@code {kid}} appended as the last path segment. */
    static String pemTemplateOf(String keysEndpoint) {
        String base = keysEndpoint.endsWith("/") ? keysEndpoint.substring(0, keysEndpoint.length() - 1) : keysEndpoint;
        return base + "/{kid}";
    }

    static List<Source> sources(Preset preset) {
        return switch (preset) {
            case CLOUDFLARE_ACCESS ->
                List.of(
                        new Source(In.HEADER, "Cf-Access-Jwt-Assertion", null, false),
                        new Source(In.COOKIE, "CF_Authorization", null, false));
            case GOOGLE_IAP -> List.of(new Source(In.HEADER, "x-goog-iap-jwt-assertion", null, false));
            case AWS_ALB -> List.of(new Source(In.HEADER, "x-amzn-oidc-data", null, false));
            case POMERIUM -> List.of(new Source(In.HEADER, "X-Pomerium-Jwt-Assertion", null, false));
            case NONE -> throw new IllegalArgumentException("no preset");
        };
    }

    static Set<String> algorithms(Preset preset) {
        return switch (preset) {
            case CLOUDFLARE_ACCESS -> Set.of("RS256");
            case GOOGLE_IAP, AWS_ALB, POMERIUM -> Set.of("ES256");
            case NONE -> null;
        };
    }
}
