package io.jwtbridge.login;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.jwks.IdpKeySources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Verifies the JWT a WAF forwards (docs/login-flow.md step 4): asymmetric algorithms only (RS, PS, ES 256–512
 * and EdDSA), the key chosen from the IdP's own keys by {@code kid} (never a key or URL from the
 * token header), {@code iss} equal to the configured issuer, {@code exp} and {@code sub} required,
 * {@code nbf} and {@code iat} honoured, 60 s clock skew.
 */
@Component
class IdpTokenVerifier {

    static final int MAX_TOKEN_CHARS = 8 * 1024;
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
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
    private final Map<String, Processor> processors = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final VerificationKeys verificationKeys = new VerificationKeys(ALGORITHMS);

    IdpTokenVerifier(IdpKeySources keySources, MeterRegistry meters, Clock clock) {
        this.keySources = keySources;
        this.meters = meters;
        this.clock = clock;
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

    /** Strips an optional {@code Bearer } prefix (any case) from the header value. */
    static String tokenOf(String headerValue) throws TokenRefusedException {
        if (headerValue == null || headerValue.isBlank()) {
            throw new TokenRefusedException("missing_token", "the JWT header is empty");
        }
        if (headerValue.length() > MAX_TOKEN_CHARS) {
            throw new TokenRefusedException("token_too_large", "the JWT header is over 8 KiB");
        }
        String value = headerValue.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).strip();
        }
        if (!looksLikeJws(value)) {
            throw new TokenRefusedException("malformed", "the header does not hold a signed JWT");
        }
        return value;
    }

    /** Three base64url parts separated by two dots, nothing else. */
    private static boolean looksLikeJws(String value) {
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    /**
     * Verifies the header value and counts the outcome in {@code jwtbridge.token.verifications}
     * (tags idp, outcome, reason).
     */
    JWTClaimsSet verify(JwtIdp idp, List<String> headerValues) throws TokenRefusedException {
        try {
            if (headerValues.size() != 1) {
                throw new TokenRefusedException(
                        headerValues.isEmpty() ? "missing_token" : "repeated_header",
                        headerValues.isEmpty()
                                ? "the JWT header is missing"
                                : "the JWT header was sent more than once");
            }
            JWTClaimsSet claims = check(idp, headerValues.get(0));
            count(idp, "accepted", "none");
            return claims;
        } catch (TokenRefusedException ex) {
            count(idp, "refused", ex.reason());
            throw ex;
        }
    }

    /** Counts a refusal decided before the token was looked at (e.g. {@code gateway_proof_failed}). */
    void refused(JwtIdp idp, String reason) {
        count(idp, "refused", reason);
    }

    private void count(JwtIdp idp, String outcome, String reason) {
        counters.computeIfAbsent(
                        idp.getId() + "|" + outcome + "|" + reason,
                        key -> Counter.builder("jwtbridge.token.verifications")
                                .description("JWTs the WAF forwarded, by IdP, outcome and reason")
                                .tag("idp", idp.getId())
                                .tag("outcome", outcome)
                                .tag("reason", reason)
                                .register(meters))
                .increment();
    }

    /** A configured processor is thread-safe: one per IdP, rebuilt when its key source or issuer changes. */
    private record Processor(
            String audience,
            JWKSource<SecurityContext> keys,
            String issuer,
            DefaultJWTProcessor<SecurityContext> processor) {}

    private DefaultJWTProcessor<SecurityContext> processorFor(
            String idpId, JWKSource<SecurityContext> keys, String issuer, String audience) {
        Processor cached = processors.get(idpId);
        if (cached != null
                && cached.keys() == keys
                && cached.issuer().equals(issuer)
                && java.util.Objects.equals(cached.audience(), audience)) {
            return cached.processor();
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier((type, context) -> {});
        processor.setJWSKeySelector(verificationKeys.selector(keys));
        processor.setJWSVerifierFactory(verificationKeys.verifierFactory());
        // The claims are checked by checkClaims, which names each refusal; Nimbus checks none.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        processors.put(idpId, new Processor(audience, keys, issuer, processor));
        return processor;
    }

    private JWTClaimsSet check(JwtIdp idp, String headerValue) throws TokenRefusedException {
        String token = tokenOf(headerValue);
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException ex) {
            throw new TokenRefusedException("malformed", "the header does not hold a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new TokenRefusedException("unsupported_alg", "the JWT's algorithm is not accepted");
        }
        var config = idp.jwtConfig();
        JWKSource<SecurityContext> keys = keySources.forIdp(idp.getId(), idp.configVersion(), config.keysEndpoint());
        DefaultJWTProcessor<SecurityContext> processor =
                processorFor(idp.getId(), keys, config.issuer(), config.audience());
        JWTClaimsSet verified;
        try {
            verified = processor.process(jwt, null);
        } catch (RateLimitReachedException ex) {
            // An unknown kid, and the IdP's keys were refetched too recently to look again.
            throw new TokenRefusedException("unknown_kid", "no key of the IdP matches the JWT");
        } catch (KeySourceException ex) {
            throw new TokenRefusedException("keys_unavailable", "the IdP's keys could not be fetched");
        } catch (BadJWSException ex) {
            throw new TokenRefusedException("bad_signature", "the JWT's signature is not valid");
        } catch (BadJOSEException ex) {
            // No key of the IdP has this kid (and type, curve, use) for this algorithm.
            throw new TokenRefusedException("unknown_kid", "no key of the IdP matches the JWT");
        } catch (JOSEException ex) {
            throw new TokenRefusedException("bad_signature", "the JWT's signature could not be verified");
        }
        checkClaims(verified, config.issuer(), config.audience());
        return verified;
    }

    /**
     * {@code iss} exact, {@code sub} and {@code exp} required, {@code exp}, {@code nbf} and
     * {@code iat} with {@link #CLOCK_SKEW}, and the IdP's audience when it has one.
     */
    private void checkClaims(JWTClaimsSet claims, String issuer, String audience) throws TokenRefusedException {
        Instant now = clock.instant();
        if (claims.getIssuer() == null || claims.getSubject() == null || claims.getExpirationTime() == null) {
            throw new TokenRefusedException("missing_claim", "the JWT lacks a required claim (iss, sub, exp)");
        }
        if (!claims.getIssuer().equals(issuer)) {
            throw new TokenRefusedException("wrong_issuer", "the JWT's issuer is not the IdP's issuer");
        }
        if (claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new TokenRefusedException("expired", "the JWT has expired");
        }
        if (claims.getNotBeforeTime() != null
                && claims.getNotBeforeTime().toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new TokenRefusedException("not_yet_valid", "the JWT is not valid yet (nbf)");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new TokenRefusedException("issued_in_future", "the JWT is issued in the future");
        }
        if (claims.getSubject().isBlank() || claims.getSubject().length() > 200) {
            throw new TokenRefusedException("missing_claim", "the JWT has no usable sub");
        }
        if (audience != null) {
            if (claims.getAudience().isEmpty()) {
                throw new TokenRefusedException("missing_claim", "the JWT has no aud, and the IdP requires one");
            }
            if (!claims.getAudience().contains(audience)) {
                throw new TokenRefusedException("wrong_audience", "the JWT is not meant for this IdP's audience");
            }
        }
    }
}
