package io.jwtbridge.login;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.idp.EffectivePolicy;
import io.jwtbridge.idp.TokenPolicy.RequiredClaim;
import io.jwtbridge.login.IdpTokenVerifier.TokenRefusedException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks of a verified token's claims, in the order that decides which refusal a token with
 * several faults gets (docs/login-flow.md#checks-and-reasons): {@code iss}, {@code sub}, {@code exp}
 * present; issuer; expiry; {@code nbf}; {@code iat} not in the future; a usable {@code sub};
 * audience; maximum age; required claims; {@code jti} present. A login stops at the first failure;
 * the explain endpoint's report goes on, and the first failure is still the verdict.
 */
final class ClaimChecks {

    private final EffectivePolicy policy;
    private final CheckReport report;
    private TokenRefusedException first;

    private ClaimChecks(EffectivePolicy policy, CheckReport report) {
        this.policy = policy;
        this.report = report;
    }

    static void check(JWTClaimsSet claims, EffectivePolicy policy, String issuer, Instant now, CheckReport report)
            throws TokenRefusedException {
        ClaimChecks checks = new ClaimChecks(policy, report);
        checks.run(claims, issuer, now);
        if (checks.first != null) {
            throw checks.first;
        }
    }

    private void run(JWTClaimsSet claims, String issuer, Instant now) throws TokenRefusedException {
        Duration skew = policy.clockSkew();
        if (claims.getIssuer() == null || claims.getSubject() == null || claims.getExpirationTime() == null) {
            String description = "the JWT lacks a required claim (iss, sub, exp)";
            if (claims.getIssuer() == null) {
                fail("issuer", "missing_claim", description);
            }
            if (claims.getSubject() == null) {
                fail("subject", "missing_claim", description);
            }
            if (claims.getExpirationTime() == null) {
                fail("expiry", "missing_claim", description);
            }
        }
        if (claims.getIssuer() != null) {
            if (claims.getIssuer().equals(issuer)) {
                report.pass("issuer", "iss is the IdP's issuer");
            } else {
                fail("issuer", "wrong_issuer", "the JWT's issuer is not the IdP's issuer");
            }
        }
        if (claims.getExpirationTime() != null) {
            if (claims.getExpirationTime().toInstant().plus(skew).isBefore(now)) {
                fail("expiry", "expired", "the JWT has expired");
            } else if (report.isOn()) {
                report.pass("expiry", "exp not passed (clock skew " + skew.toSeconds() + " s)");
            }
        }
        if (claims.getNotBeforeTime() != null
                && claims.getNotBeforeTime().toInstant().minus(skew).isAfter(now)) {
            fail("not_before", "not_yet_valid", "the JWT is not valid yet (nbf)");
        } else {
            report.pass("not_before", claims.getNotBeforeTime() == null ? "no nbf" : "nbf passed");
        }
        Instant issued =
                claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
        if (issued != null && issued.isAfter(now.plus(skew))) {
            fail("max_age", "issued_in_future", "the JWT is issued in the future");
        }
        if (claims.getSubject() != null
                && (claims.getSubject().isBlank() || claims.getSubject().length() > 200)) {
            fail("subject", "missing_claim", "the JWT has no usable sub");
        } else if (claims.getSubject() != null) {
            report.pass("subject", "sub present");
        }
        audience(claims.getAudience());
        maxAge(issued, now, skew);
        requiredClaims(claims);
        if (policy.requireJti() && claims.getJWTID() == null) {
            fail("jti", "missing_claim", "the JWT has no jti, and the IdP requires one");
        }
        if (policy.signer() == null) {
            report.pass("signer", "no signer required");
        }
    }

    private void audience(List<String> audience) throws TokenRefusedException {
        List<String> wanted = policy.audiences();
        if (wanted.isEmpty()) {
            report.pass("audience", "no audience required");
        } else if (audience.isEmpty()) {
            fail("audience", "missing_claim", "the JWT has no aud, and the IdP requires one");
        } else if (wanted.stream().noneMatch(audience::contains)) {
            fail("audience", "wrong_audience", "the JWT is not meant for this IdP's audience");
        } else {
            report.pass("audience", "aud names an audience of the IdP");
        }
    }

    private void maxAge(Instant issued, Instant now, Duration skew) throws TokenRefusedException {
        Duration max = policy.maxTokenAge();
        if (max == null) {
            report.pass("max_age", "no maximum age");
        } else if (issued == null) {
            fail("max_age", "missing_claim", "the JWT has no iat, and the IdP limits the token age");
        } else if (issued.plus(max).plus(skew).isBefore(now)) {
            fail("max_age", "too_old", "the JWT is older than the IdP's maximum token age");
        } else {
            report.pass("max_age", "iat within the maximum age");
        }
    }

    private void requiredClaims(JWTClaimsSet claims) throws TokenRefusedException {
        if (policy.requiredClaims().isEmpty()) {
            report.pass("required_claims", "none required");
            return;
        }
        Map<String, Object> json = claims.toJSONObject();
        for (RequiredClaim required : policy.requiredClaims()) {
            if (!holds(required, required.path().find(json))) {
                fail("required_claims", "claim_mismatch", "the JWT's claim " + required.path() + " is not as required");
                return;
            }
        }
        if (report.isOn()) {
            report.pass("required_claims", policy.requiredClaims().size() + " claim(s) as required");
        }
    }

    static boolean holds(RequiredClaim required, Object value) {
        if (value == null) {
            return false;
        }
        if (required.equals() != null) {
            return same(required.equals(), value);
        }
        if (required.contains() != null) {
            return value instanceof List<?> list
                    ? list.stream().anyMatch(element -> same(required.contains(), element))
                    : same(required.contains(), value);
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return false;
        }
        String text = value.toString();
        return text.length() <= 1024 && required.matches().matcher(text).find();
    }

    private static boolean same(Object wanted, Object value) {
        if (wanted instanceof Number a && value instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(wanted, value);
    }

    private void fail(String check, String reason, String description) throws TokenRefusedException {
        report.fail(check, description);
        if (first == null) {
            first = new TokenRefusedException(reason, description);
        }
        if (!report.isOn()) {
            throw first;
        }
    }
}
