package io.jwtbridge.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.idp.EffectivePolicy;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.jwks.IdpKeySources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies the JWT a WAF forwards (docs/login-flow.md step 4) under the IdP's token policy: the
 * token from its sources ({@link TokenSources}); asymmetric algorithms only (RS, PS, ES 256–512 and
 * EdDSA), narrowed by the policy; the header's {@code signer} when the policy names one; the key
 * chosen from the IdP's own keys by {@code kid} (never a key or URL from the token header); then the
 * claims ({@link ClaimChecks}); last, a required {@code jti} is used up. Without a policy: {@code iss}
 * equal to the configured issuer, {@code exp} and {@code sub} required, {@code nbf} and {@code iat}
 * honoured, 60 s clock skew.
 */
@Component
class IdpTokenVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA,
            JWSAlgorithm.Ed25519);

    private final IdpKeySources keySources;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TokenIdStore tokenIds;
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final VerificationKeys verificationKeys = new VerificationKeys(ALGORITHMS);

    /** Without a {@code jti} store: for IdPs whose policy does not require {@code jti}. */
    IdpTokenVerifier(IdpKeySources keySources, MeterRegistry meters, Clock clock) {
        this(keySources, meters, clock, null);
    }

    @Autowired
    IdpTokenVerifier(IdpKeySources keySources, MeterRegistry meters, Clock clock, TokenIdStore tokenIds) {
        this.keySources = keySources;
        this.meters = meters;
        this.clock = clock;
        this.tokenIds = tokenIds;
    }

    /** Why a token was refused: a short machine reason and a sentence for the app. */
    static final class TokenRefusedException extends Exception {

        private final String reason;

        TokenRefusedException(String reason, String description) {
            super(description, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** Verifies the values of the token's one header (or the token as given). */
    JWTClaimsSet verify(JwtIdp idp, List<String> headerValues) throws TokenRefusedException {
        return verify(idp, new TokenInput.Given(headerValues), CheckReport.OFF, false);
    }

    /**
     * Verifies the token and, unless a dry run, counts the outcome in
     * {@code jwtbridge.token.verifications} (tags idp, outcome, reason) and uses up its {@code jti}.
     */
    JWTClaimsSet verify(JwtIdp idp, TokenInput input, CheckReport report, boolean dryRun) throws TokenRefusedException {
        try {
            JWTClaimsSet claims = check(idp, input, report, dryRun);
            if (!dryRun) {
                count(idp, "accepted", "none");
            }
            return claims;
        } catch (TokenRefusedException ex) {
            if (!dryRun) {
                count(idp, "refused", ex.reason());
            }
            throw ex;
        }
    }

    /** Counts a refusal decided before the token was looked at (e.g. {@code gateway_proof_failed}). */
    void refused(JwtIdp idp, String reason) {
        count(idp, "refused", reason);
    }

    private record CounterKey(String idpId, String outcome, String reason) {}

    private void count(JwtIdp idp, String outcome, String reason) {
        CounterKey key = new CounterKey(idp.getId(), outcome, reason);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(
                    key,
                    k -> Counter.builder("jwtbridge.token.verifications")
                            .description("JWTs the WAF forwarded, by IdP, outcome and reason")
                            .tag("idp", k.idpId())
                            .tag("outcome", k.outcome())
                            .tag("reason", k.reason())
                            .register(meters));
        }
        counter.increment();
    }

    private JWTClaimsSet check(JwtIdp idp, TokenInput input, CheckReport report, boolean dryRun)
            throws TokenRefusedException {
        EffectivePolicy policy = idp.tokenPolicy();
        String token = TokenSources.select(policy, input, report);
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException ex) {
            report.fail("parse", "not a signed JWT (JWS)");
            throw new TokenRefusedException("malformed", "the header does not hold a signed JWT");
        }
        report.pass("parse", "a signed JWT (JWS)");
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())
                || (policy.algorithms() != null
                        && !policy.algorithms().contains(header.getAlgorithm().getName()))) {
            report.fail("algorithm", "the algorithm is not one the IdP allows");
            throw new TokenRefusedException("unsupported_alg", "the JWT's algorithm is not accepted");
        }
        if (report.isOn()) {
            report.pass("algorithm", header.getAlgorithm().getName() + " is allowed");
        }
        TokenRefusedException wrongSigner = signer(header, policy, report);
        JWTClaimsSet verified = verifySignature(idp, jwt, report, wrongSigner);
        if (wrongSigner != null) {
            throw wrongSigner;
        }
        TokenRefusedException claimsRefused = null;
        Instant now = clock.instant();
        try {
            ClaimChecks.check(verified, policy, idp.jwtConfig().issuer(), now, report);
        } catch (TokenRefusedException ex) {
            if (!report.isOn()) {
                throw ex;
            }
            claimsRefused = ex;
        }
        JtiCheck.use(tokenIds, idp.getId(), policy, verified, report, dryRun || claimsRefused != null);
        if (claimsRefused != null) {
            throw claimsRefused;
        }
        return verified;
    }

    /** The header's {@code signer} (AWS ALB's ARN), checked before any key is looked up. */
    private static TokenRefusedException signer(JWSHeader header, EffectivePolicy policy, CheckReport report)
            throws TokenRefusedException {
        if (policy.signer() == null) {
            return null;
        }
        if (policy.signer().equals(header.getCustomParam("signer"))) {
            report.pass("signer", "the header's signer is the IdP's");
            return null;
        }
        report.fail("signer", "the header's signer is not the IdP's");
        TokenRefusedException refused =
                new TokenRefusedException("wrong_signer", "the JWT was not signed by the IdP's signer");
        if (!report.isOn()) {
            throw refused;
        }
        return refused;
    }

    private JWTClaimsSet verifySignature(JwtIdp idp, SignedJWT jwt, CheckReport report, TokenRefusedException first)
            throws TokenRefusedException {
        JWKSource<SecurityContext> keys = keySources.forIdp(idp);
        VerificationKeys.Signature signature;
        try {
            signature = verificationKeys.check(jwt, keys);
        } catch (RateLimitReachedException ex) {
            // An unknown kid, and the IdP's keys were refetched too recently to look again.
            throw keyRefused(report, first, "unknown_kid", "no key of the IdP matches the JWT");
        } catch (KeySourceException ex) {
            throw keyRefused(report, first, "keys_unavailable", "the IdP's keys could not be fetched");
        } catch (JOSEException ex) {
            throw failed(
                    report,
                    first,
                    "signature",
                    "could not be verified",
                    "bad_signature",
                    "the JWT's signature could not be verified");
        }
        if (signature == VerificationKeys.Signature.NO_KEY) {
            throw keyRefused(report, first, "unknown_kid", "no key of the IdP matches the JWT");
        }
        report.pass("key", "a key of the IdP matches the JWT's kid");
        if (signature == VerificationKeys.Signature.INVALID) {
            throw failed(report, first, "signature", "not valid", "bad_signature", "the JWT's signature is not valid");
        }
        report.pass("signature", "valid");
        try {
            return JwtClaims.of(jwt);
        } catch (ParseException ex) {
            throw failed(
                    report,
                    first,
                    "claims",
                    "the payload is not a JSON object of claims",
                    "malformed",
                    "the JWT's payload is not a JSON object of claims");
        }
    }

    private static TokenRefusedException keyRefused(
            CheckReport report, TokenRefusedException first, String reason, String description) {
        return failed(report, first, "key", description, reason, description);
    }

    /**
     * The check failed in the report; the refusal is the first one the dry run already had, else
     * this one.
     */
    private static TokenRefusedException failed(
            CheckReport report,
            TokenRefusedException first,
            String check,
            String detail,
            String reason,
            String description) {
        report.fail(check, detail);
        return first != null ? first : new TokenRefusedException(reason, description);
    }
}
