package io.jwtbridge.login;

import com.nimbusds.jwt.JWTClaimsSet;
import io.jwtbridge.idp.EffectivePolicy;
import io.jwtbridge.login.IdpTokenVerifier.TokenRefusedException;
import java.time.Instant;

/** {@code jti} one-time use (docs/login-flow.md#checks-and-reasons), shared by all instances through {@link TokenIdStore}. */
final class JtiCheck {

    private JtiCheck() {}

    /**
     * A required {@code jti} is used up, kept until the token could no longer be accepted ({@code exp},
     * or earlier {@code iat} + maximum age, plus the skew); a dry run only reads.
     */
    static void use(
            TokenIdStore tokenIds,
            String idpId,
            EffectivePolicy policy,
            JWTClaimsSet claims,
            CheckReport report,
            boolean readOnly)
            throws TokenRefusedException {
        String jti = claims.getJWTID();
        if (!policy.requireJti()) {
            report.pass("jti", "not required");
            return;
        }
        if (jti == null || claims.getExpirationTime() == null) {
            return;
        }
        Instant until = claims.getExpirationTime().toInstant();
        if (policy.maxTokenAge() != null && claims.getIssueTime() != null) {
            Instant aged = claims.getIssueTime().toInstant().plus(policy.maxTokenAge());
            until = aged.isBefore(until) ? aged : until;
        }
        boolean fresh =
                readOnly ? !tokenIds.used(idpId, jti) : tokenIds.firstUse(idpId, jti, until.plus(policy.clockSkew()));
        if (!fresh) {
            report.fail("jti", "this jti was already used");
            throw new TokenRefusedException("replayed", "the JWT was already used (jti)");
        }
        report.pass("jti", "not used before");
    }
}
