package io.jwtbridge.idp;

import io.jwtbridge.idp.TokenPolicy.ClaimMapping;
import io.jwtbridge.idp.TokenPolicy.In;
import io.jwtbridge.idp.TokenPolicy.KeysSource;
import io.jwtbridge.idp.TokenPolicy.Preset;
import io.jwtbridge.idp.TokenPolicy.RequiredClaim;
import io.jwtbridge.idp.TokenPolicy.TokenSource;
import io.jwtbridge.idp.TokenPolicyBody.ClaimMappingBody;
import io.jwtbridge.idp.TokenPolicyBody.RequiredClaimBody;
import io.jwtbridge.idp.TokenPolicyBody.SourceBody;
import io.jwtbridge.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a token policy as given and turns it into a {@link TokenPolicy}; every refusal is a 400 that
 * names the field ({@code policy.requiredClaims[2].matches}).
 */
final class TokenPolicyRules {

    /** The algorithms a policy may allow: those the bridge accepts at all (docs/login-flow.md step 4). */
    static final Set<String> ALGORITHMS =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519");

    static final String KID = "{kid}";
    private static final Pattern HEADER = Pattern.compile(IdpRequests.HEADER_PATTERN.replace("*$", "+$"));
    private static final Pattern COOKIE = Pattern.compile("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$");
    private static final Pattern PREFIX = Pattern.compile("^[\\x20-\\x7E]{1,50}$");
    private static final Pattern IAP_AUDIENCE =
            Pattern.compile("^/projects/\\d+/(apps/[^/]+|global/backendServices/\\d+)$");

    private TokenPolicyRules() {}

    /** A policy from the admin API: its shape, its URLs, and the values its preset needs. */
    static TokenPolicy check(TokenPolicyBody body, JwtConfig config, Function<String, Optional<String>> urlRefusal) {
        TokenPolicy policy = read(body, urlRefusal);
        Preset preset = policy.preset();
        boolean audience = !policy.audiences().isEmpty() || config.audience() != null;
        if ((preset == Preset.CLOUDFLARE_ACCESS || preset == Preset.GOOGLE_IAP) && !audience) {
            throw invalid("audiences", "the " + preset + " preset needs the application's audience");
        }
        if (preset == Preset.AWS_ALB && policy.signer() == null) {
            throw invalid("signer", "the AWS_ALB preset needs the load balancer's ARN");
        }
        if (preset == Preset.GOOGLE_IAP) {
            for (int i = 0; i < policy.audiences().size(); i++) {
                if (!IAP_AUDIENCE.matcher(policy.audiences().get(i)).matches()) {
                    throw invalid(
                            "audiences[" + i + "]",
                            "must be /projects/N/apps/ID or " + "/projects/N/global/backendServices/ID");
                }
            }
        }
        EffectivePolicy effective = GatewayPresets.effective(policy, config, true);
        if (effective.keysSource() == KeysSource.PEM_URL_BY_KID && urlRefusal != null) {
            String sample = effective.pemUrlTemplate().replace(KID, "00000000-0000-0000-0000-000000000000");
            urlRefusal.apply(sample).ifPresent(reason -> {
                throw invalid(policy.keys() == null ? "preset" : "keys.pemUrlTemplate", reason);
            });
        }
        return policy;
    }

    /** A policy as stored or given; URLs are checked only when {@code urlRefusal} is given. */
    static TokenPolicy read(TokenPolicyBody body, Function<String, Optional<String>> urlRefusal) {
        if (body == null) {
            return TokenPolicy.DEFAULT;
        }
        List<TokenSource> sources = new ArrayList<>();
        List<SourceBody> givenSources = orEmpty(body.tokenSources());
        size("tokenSources", givenSources, 5);
        for (int i = 0; i < givenSources.size(); i++) {
            sources.add(source("tokenSources[" + i + "]", givenSources.get(i)));
        }
        List<String> algorithms = orEmpty(body.allowedAlgorithms());
        size("allowedAlgorithms", algorithms, ALGORITHMS.size());
        for (int i = 0; i < algorithms.size(); i++) {
            if (!ALGORITHMS.contains(algorithms.get(i))) {
                throw invalid(
                        "allowedAlgorithms[" + i + "]",
                        "unknown or not accepted algorithm (one of "
                                + String.join(", ", new java.util.TreeSet<>(ALGORITHMS)) + ")");
            }
        }
        List<String> audiences = orEmpty(body.audiences());
        size("audiences", audiences, 20);
        for (int i = 0; i < audiences.size(); i++) {
            text("audiences[" + i + "]", audiences.get(i), 200);
        }
        Duration skew = body.clockSkew() == null ? null : PolicyDurations.parse("clockSkew", body.clockSkew());
        if (skew != null && skew.compareTo(Duration.ofHours(1)) > 0) {
            throw invalid("clockSkew", "must be at most 1h");
        }
        Duration maxAge = body.maxTokenAge() == null ? null : PolicyDurations.parse("maxTokenAge", body.maxTokenAge());
        if (maxAge != null && (maxAge.isZero() || maxAge.compareTo(Duration.ofDays(30)) > 0)) {
            throw invalid("maxTokenAge", "must be more than 0s and at most 30d");
        }
        List<RequiredClaimBody> givenClaims = orEmpty(body.requiredClaims());
        size("requiredClaims", givenClaims, 20);
        List<RequiredClaim> claims = new ArrayList<>();
        for (int i = 0; i < givenClaims.size(); i++) {
            claims.add(claim("requiredClaims[" + i + "]", givenClaims.get(i)));
        }
        if (body.signer() != null) {
            text("signer", body.signer(), 200);
        }
        return new TokenPolicy(
                body.preset(),
                sources,
                KeySourceRules.keys(body.keys(), urlRefusal),
                algorithms,
                audiences,
                skew,
                maxAge,
                Boolean.TRUE.equals(body.requireJti()),
                claims,
                body.signer(),
                mapping(body.claimMapping()),
                !Boolean.FALSE.equals(body.trustEmailVerified()));
    }

    private static TokenSource source(String field, SourceBody body) {
        if (body == null || body.in() == null) {
            throw invalid(field + ".in", "value is required (HEADER or COOKIE)");
        }
        text(field + ".name", body.name(), 200);
        Pattern name = body.in() == In.HEADER ? HEADER : COOKIE;
        if (!name.matcher(body.name()).matches()) {
            throw invalid(field + ".name", "not a valid " + body.in().name().toLowerCase() + " name");
        }
        if (body.prefix() != null
                && !body.prefix().isEmpty()
                && !PREFIX.matcher(body.prefix()).matches()) {
            throw invalid(field + ".prefix", "must be 1 to 50 visible ASCII characters or spaces");
        }
        String prefix = body.prefix() == null || body.prefix().isEmpty() ? null : body.prefix();
        return new TokenSource(body.in(), body.name(), prefix);
    }

    private static RequiredClaim claim(String field, RequiredClaimBody body) {
        if (body == null) {
            throw invalid(field, "value is required");
        }
        JsonPointer path = pointer(field + ".path", body.path());
        int conditions =
                (body.equals() != null ? 1 : 0) + (body.contains() != null ? 1 : 0) + (body.matches() != null ? 1 : 0);
        if (conditions != 1) {
            throw invalid(field, "exactly one of equals, contains, matches is required");
        }
        Pattern matches = null;
        if (body.matches() != null) {
            text(field + ".matches", body.matches(), 200);
            try {
                matches = Pattern.compile(body.matches());
            } catch (PatternSyntaxException ex) {
                throw invalid(field + ".matches", "not a valid regular expression");
            }
        }
        return new RequiredClaim(path, body.equals(), body.contains(), matches);
    }

    private static ClaimMapping mapping(ClaimMappingBody body) {
        if (body == null) {
            return null;
        }
        return new ClaimMapping(
                pointers("claimMapping.userName", body.userName()),
                pointers("claimMapping.email", body.email()),
                pointers("claimMapping.emailVerified", body.emailVerified()),
                pointers("claimMapping.givenName", body.givenName()),
                pointers("claimMapping.familyName", body.familyName()),
                pointers("claimMapping.displayName", body.displayName()),
                pointers("claimMapping.locale", body.locale()),
                pointers("claimMapping.roles", body.roles()));
    }

    private static List<JsonPointer> pointers(String field, List<String> texts) {
        if (texts == null) {
            return null;
        }
        size(field, texts, 10);
        List<JsonPointer> pointers = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            pointers.add(pointer(field + "[" + i + "]", texts.get(i)));
        }
        return pointers;
    }

    private static JsonPointer pointer(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(field, "value is required (a JSON Pointer such as /email)");
        }
        return JsonPointer.parse(text).orElseThrow(() -> invalid(field, "not a JSON Pointer (RFC 6901)"));
    }

    static void text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field, IdpRequests.REQUIRED);
        }
        if (value.length() > max) {
            throw invalid(field, "value length must be at most " + max);
        }
    }

    private static void size(String field, List<?> list, int max) {
        if (list.size() > max) {
            throw invalid(field, "at most " + max + " entries");
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static ApiException invalid(String field, String reason) {
        return ApiException.invalidArgument("IDP-InvalidPolicy", "invalid policy." + field + ": " + reason);
    }
}
