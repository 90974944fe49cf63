package io.jwtbridge.login;

import io.jwtbridge.idp.EffectivePolicy;
import io.jwtbridge.idp.TokenPolicy;
import io.jwtbridge.login.IdpTokenVerifier.TokenRefusedException;
import java.util.List;

/**
 * Finds the token (docs/login-flow.md#token-sources): the IdP's sources in order, the first present
 * one is used; a source sent more than once, an empty value, one over 8 KiB, a missing prefix or
 * anything but three base64url parts is refused (AWS ALB's padding {@code =} accepted for its preset).
 */
final class TokenSources {

    static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final String BEARER = "Bearer ";

    private TokenSources() {}

    static String select(EffectivePolicy policy, TokenInput input, CheckReport report) throws TokenRefusedException {
        if (input instanceof TokenInput.Given given) {
            String token = one(given.values(), "the JWT header", report);
            String value = value(token, BEARER, true, policy.paddedBase64(), report);
            report.pass("source", "the token as given");
            return value;
        }
        TokenInput.Request request = (TokenInput.Request) input;
        for (EffectivePolicy.Source source : policy.sources()) {
            List<String> values = source.in() == TokenPolicy.In.HEADER
                    ? request.headers().apply(source.name())
                    : request.cookies().apply(source.name());
            if (values.isEmpty()) {
                continue;
            }
            boolean single = policy.sources().size() == 1 && source.prefixOptional();
            String what = single ? "the JWT header" : "the " + source.describe();
            String value = value(
                    one(values, what, report), source.prefix(), source.prefixOptional(), policy.paddedBase64(), report);
            if (report.isOn()) {
                report.pass("source", "found in the " + source.describe());
            }
            return value;
        }
        if (policy.sources().size() == 1 && policy.sources().get(0).prefixOptional()) {
            throw refused(report, "missing_token", "the JWT header is missing");
        }
        throw refused(report, "missing_token", "none of the IdP's token sources is present");
    }

    private static String one(List<String> values, String what, CheckReport report) throws TokenRefusedException {
        if (values.isEmpty()) {
            throw refused(report, "missing_token", what + " is missing");
        }
        if (values.size() > 1) {
            throw refused(report, "repeated_header", what + " was sent more than once");
        }
        return values.get(0);
    }

    private static String value(String raw, String prefix, boolean optional, boolean padded, CheckReport report)
            throws TokenRefusedException {
        if (raw == null || raw.isBlank()) {
            throw refused(report, "missing_token", "the JWT header is empty");
        }
        if (raw.length() > MAX_TOKEN_CHARS) {
            throw refused(report, "token_too_large", "the JWT header is over 8 KiB");
        }
        String value = raw.strip();
        if (prefix != null) {
            if (value.regionMatches(true, 0, prefix, 0, prefix.length())) {
                value = value.substring(prefix.length()).strip();
            } else if (!optional) {
                throw refused(report, "malformed", "the value does not start with the source's prefix");
            }
        }
        if (!looksLikeJws(value, padded)) {
            throw refused(report, "malformed", "the header does not hold a signed JWT");
        }
        return value;
    }

    /** Three base64url parts separated by two dots, nothing else (with {@code padded}: also {@code =}). */
    static boolean looksLikeJws(String value, boolean padded) {
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || (padded && c == '='))) {
                return false;
            }
        }
        return dots == 2;
    }

    private static TokenRefusedException refused(CheckReport report, String reason, String description) {
        report.fail("source", description);
        return new TokenRefusedException(reason, description);
    }
}
