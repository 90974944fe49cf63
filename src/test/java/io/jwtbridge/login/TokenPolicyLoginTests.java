package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.SimulatedWaf.Forwarded;
import io.jwtbridge.testsupport.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The token policy at a real login through a gateway (docs/login-flow.md#checks-and-reasons): each
 * token source, key source and check, passing and failing with its exact reason, and the claim
 * mapping with its fallbacks.
 */
class TokenPolicyLoginTests extends TokenPolicyTestSupport {

    static final String HEADER = "x-custom-tkn";

    @Autowired
    MeterRegistry meters;

    SimulatedWaf gateway;
    /** The token the gateway holds for a user. */
    volatile Function<String, String> tokens;

    App app;

    @BeforeEach
    void setUp() {
        tokens = user -> jwt(RSA_KEY, claims -> claims.subject(user));
        gateway = new SimulatedWaf(BASE, user -> Forwarded.header(HEADER, tokens.apply(user)));
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    String idp(String policy) {
        return createIdp(gateway, ISSUER, KEYS.keysUrl(), HEADER, policy);
    }

    Login loginWith(String idpId, Function<String, String> token) {
        tokens = token;
        return login(gateway, user(), app, idpId);
    }

    static Function<String, String> signed(Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> claims) {
        return user -> jwt(RSA_KEY, builder -> claims.apply(builder.subject(user)));
    }

    // token sources

    @Test
    void aHeaderSourceWithAPrefixNeedsThePrefix() {
        String idpId = idp("{\"tokenSources\":[{\"in\":\"HEADER\",\"name\":\"x-gw-token\",\"prefix\":\"Token \"}]}");
        gateway.forwarded(user -> Forwarded.header("x-gw-token", "token " + jwt(RSA_KEY, c -> c.subject(user))));
        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();

        gateway.forwarded(user -> Forwarded.header("x-gw-token", jwt(RSA_KEY, c -> c.subject(user))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("malformed");
    }

    @Test
    void aCookieSourceIsRead() {
        String idpId = idp("{\"tokenSources\":[{\"in\":\"COOKIE\",\"name\":\"sso_jwt\"}]}");
        gateway.forwarded(user -> Forwarded.cookie("sso_jwt", jwt(RSA_KEY, c -> c.subject(user))));
        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();

        gateway.forwarded(user -> Forwarded.header(HEADER, jwt(RSA_KEY, c -> c.subject(user))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("missing_token");
    }

    @Test
    void theFirstPresentSourceIsUsedAndARepeatedHeaderIsStillRefused() {
        String idpId = idp("{\"tokenSources\":[{\"in\":\"HEADER\",\"name\":\"x-first\"},"
                + "{\"in\":\"COOKIE\",\"name\":\"second\"}]}");
        String bad = sign(
                LoginIntegrationTests.RSA_KEY,
                new JWTClaimsSet.Builder()
                        .issuer("https://elsewhere.example.com")
                        .subject("x")
                        .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                        .build());
        // Only the cookie: it is used.
        gateway.forwarded(user -> Forwarded.cookie("second", jwt(RSA_KEY, c -> c.subject(user))));
        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
        // Both: the header is first, whatever the cookie holds.
        gateway.forwarded(user ->
                new Forwarded(Map.of("x-first", List.of(jwt(RSA_KEY, c -> c.subject(user)))), Map.of("second", bad)));
        assertThat(login(gateway, user(), app, idpId).succeeded()).isTrue();
        gateway.forwarded(user ->
                new Forwarded(Map.of("x-first", List.of(bad)), Map.of("second", jwt(RSA_KEY, c -> c.subject(user)))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("wrong_issuer");
        // The first source sent twice: refused, not the first value, not the next source.
        gateway.forwarded(user -> new Forwarded(
                Map.of("x-first", List.of(jwt(RSA_KEY, c -> c.subject(user)), jwt(RSA_KEY, c -> c.subject(user)))),
                Map.of("second", jwt(RSA_KEY, c -> c.subject(user)))));
        assertThat(login(gateway, user(), app, idpId).reason()).isEqualTo("repeated_header");
    }

    // key sources

    @Test
    void anInlineJwksVerifiesWithoutAnyFetch() throws Exception {
        ECKey inline = new ECKeyGenerator(Curve.P_256)
                .keyID("inline-" + UUID.randomUUID())
                .generate();
        String idpId = idp(
                "{\"keys\":{\"source\":\"INLINE_JWKS\",\"inlineJwks\":" + new JWKSet(inline).toPublicJWKSet() + "}}");
        int hits = KEYS.hits.get();

        assertThat(loginWith(idpId, user -> jwt(inline, c -> c.subject(user))).succeeded())
                .isTrue();
        // A key only the keys endpoint has is not used.
        assertThat(loginWith(idpId, user -> jwt(EC_KEY, c -> c.subject(user))).reason())
                .isEqualTo("unknown_kid");
        assertThat(KEYS.hits.get()).isEqualTo(hits);
    }

    @Test
    void pemKeysAreFetchedByKidOnceAndABadKidBuildsNoUrl() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        String prefix = "/pem-" + UUID.randomUUID();
        GATEWAY_KEYS.pem(prefix, key);
        String idpId = idp("{\"keys\":{\"source\":\"PEM_URL_BY_KID\",\"pemUrlTemplate\":\"" + GATEWAY_KEYS.url(prefix)
                + "/{kid}\"}}");

        assertThat(loginWith(idpId, user -> jwt(key, c -> c.subject(user))).succeeded())
                .isTrue();
        assertThat(loginWith(idpId, user -> jwt(key, c -> c.subject(user))).succeeded())
                .isTrue();
        assertThat(GATEWAY_KEYS.hits(prefix + "/" + key.getKeyID())).isEqualTo(1);

        ECKey unknown = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        assertThat(loginWith(idpId, user -> jwt(unknown, c -> c.subject(user))).reason())
                .isEqualTo("unknown_kid");
        ECKey traversal = new ECKeyGenerator(Curve.P_256).keyID("../../admin").generate();
        int before = GATEWAY_KEYS.total.get();
        assertThat(loginWith(idpId, user -> jwt(traversal, c -> c.subject(user)))
                        .reason())
                .isEqualTo("unknown_kid");
        assertThat(GATEWAY_KEYS.total.get()).isEqualTo(before);
    }

    // checks

    @Test
    void allowedAlgorithmsNarrowTheAccepted() {
        String idpId = idp("{\"allowedAlgorithms\":[\"ES256\"]}");
        assertThat(loginWith(idpId, user -> jwt(EC_KEY, c -> c.subject(user))).succeeded())
                .isTrue();
        assertThat(loginWith(idpId, user -> jwt(RSA_KEY, c -> c.subject(user))).reason())
                .isEqualTo("unsupported_alg");
    }

    @Test
    void anyOneAudienceIsEnough() {
        String idpId = idp("{\"audiences\":[\"app-a\",\"app-b\"]}");
        assertThat(loginWith(idpId, signed(c -> c.audience(List.of("other", "app-b"))))
                        .succeeded())
                .isTrue();
        assertThat(loginWith(idpId, signed(c -> c.audience("other"))).reason()).isEqualTo("wrong_audience");
        assertThat(loginWith(idpId, signed(c -> c)).reason()).isEqualTo("missing_claim");
    }

    @Test
    void theClockSkewIsThePolicys() {
        String idpId = idp("{\"clockSkew\":\"5s\"}");
        Instant now = Instant.now();
        assertThat(loginWith(idpId, signed(c -> c.expirationTime(Date.from(now.minusSeconds(30)))))
                        .reason())
                .isEqualTo("expired");
        assertThat(loginWith(idpId, signed(c -> c.notBeforeTime(Date.from(now.plusSeconds(30)))))
                        .reason())
                .isEqualTo("not_yet_valid");
        assertThat(loginWith(idpId, signed(c -> c.issueTime(Date.from(now.plusSeconds(30)))))
                        .reason())
                .isEqualTo("issued_in_future");
        setPolicy(idpId, "{\"clockSkew\":\"2m\"}");
        assertThat(loginWith(idpId, signed(c -> c.expirationTime(Date.from(now.minusSeconds(30)))))
                        .succeeded())
                .isTrue();
    }

    @Test
    void aMaximumAgeNeedsARecentIat() {
        String idpId = idp("{\"maxTokenAge\":\"10m\"}");
        Instant now = Instant.now();
        assertThat(loginWith(idpId, signed(c -> c.issueTime(Date.from(now.minusSeconds(60)))))
                        .succeeded())
                .isTrue();
        assertThat(loginWith(idpId, signed(c -> c.issueTime(Date.from(now.minusSeconds(20 * 60)))))
                        .reason())
                .isEqualTo("too_old");
        assertThat(loginWith(idpId, signed(c -> c.issueTime(null))).reason()).isEqualTo("missing_claim");
    }

    @Test
    void aRequiredJtiIsAcceptedOnce() {
        String idpId = idp("{\"requireJti\":true}");
        String sub = user();
        String token = jwt(RSA_KEY, c -> c.subject(sub).jwtID(UUID.randomUUID().toString()));
        assertThat(loginWith(idpId, user -> token).succeeded()).isTrue();
        assertThat(loginWith(idpId, user -> token).reason()).isEqualTo("replayed");
        assertThat(loginWith(idpId, signed(c -> c)).reason()).isEqualTo("missing_claim");
        assertThat(jdbc.sql("select count(*) from used_token_id where idp_id = :idp")
                        .param("idp", idpId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void requiredClaimsEqualContainAndMatch() {
        String idpId = idp(
                "{\"requiredClaims\":[{\"path\":\"/email_verified\",\"equals\":true},"
                        + "{\"path\":\"/groups\",\"contains\":\"staff\"},{\"path\":\"/hd\",\"matches\":\"^example\\\\.com$\"}]}");
        Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> good = c -> c.claim("email_verified", true)
                .claim("groups", List.of("dev", "staff"))
                .claim("hd", "example.com");
        assertThat(loginWith(idpId, signed(good)).succeeded()).isTrue();
        assertThat(loginWith(idpId, signed(c -> good.apply(c).claim("email_verified", false)))
                        .reason())
                .isEqualTo("claim_mismatch");
        assertThat(loginWith(idpId, signed(c -> good.apply(c).claim("groups", List.of("dev"))))
                        .reason())
                .isEqualTo("claim_mismatch");
        assertThat(loginWith(idpId, signed(c -> good.apply(c).claim("hd", "example.com.evil")))
                        .reason())
                .isEqualTo("claim_mismatch");
        assertThat(loginWith(idpId, signed(c -> good.apply(c).claim("hd", null)))
                        .reason())
                .isEqualTo("claim_mismatch");
    }

    @Test
    void theSignerMustBeTheIdps() {
        String idpId = idp("{\"signer\":\"arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/a/1\"}");
        assertThat(loginWith(idpId, signerToken("arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/a/1"))
                        .succeeded())
                .isTrue();
        assertThat(loginWith(idpId, signerToken("arn:aws:elasticloadbalancing:eu-west-1:2:loadbalancer/app/b/2"))
                        .reason())
                .isEqualTo("wrong_signer");
        assertThat(loginWith(idpId, signed(c -> c)).reason()).isEqualTo("wrong_signer");
    }

    static Function<String, String> signerToken(String signer) {
        return user -> {
            try {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.ES256)
                                .keyID(EC_KEY.getKeyID())
                                .customParam("signer", signer)
                                .build(),
                        new JWTClaimsSet.Builder()
                                .issuer(ISSUER)
                                .subject(user)
                                .expirationTime(Date.from(Instant.now().plusSeconds(120)))
                                .build());
                jwt.sign(new ECDSASigner(EC_KEY));
                return jwt.serialize();
            } catch (JOSEException ex) {
                throw new IllegalStateException(ex);
            }
        };
    }

    @Test
    void eachRefusalIsCountedWithItsReason() {
        String idpId = idp("{\"maxTokenAge\":\"1m\"}");
        loginWith(idpId, signed(c -> c.issueTime(Date.from(Instant.now().minusSeconds(600)))));
        assertThat(meters.find("jwtbridge.token.verifications")
                        .tags("idp", idpId, "outcome", "refused", "reason", "too_old")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    // claim mapping

    @Test
    void mappedClaimsAndRolesReachEveryTokenAndUserinfo() {
        String idpId = idp(
                "{\"claimMapping\":{\"userName\":[\"/upn\",\"/sub\"],\"email\":[\"/mail\",\"/email\"],"
                        + "\"givenName\":[\"/person/given\"],\"familyName\":[\"/person/family\"],\"roles\":[\"/realm/roles\"]}}");
        String upn = "upn-" + UUID.randomUUID();
        Login login = loginWith(
                idpId,
                signed(c -> c.claim("upn", upn)
                        .claim("mail", upn + "@example.com")
                        .claim("email_verified", true)
                        .claim("person", Map.of("given", "Ada", "family", "Lovelace"))
                        .claim("realm", Map.of("roles", List.of("admin", "staff")))));
        TestHttp.Response tokens = tokens(app, login);
        JWTClaimsSet idToken = claims(tokens.json().get("id_token").asString());
        assertThat(idToken.getClaim("preferred_username")).isEqualTo(upn);
        assertThat(idToken.getClaim("email")).isEqualTo(upn + "@example.com");
        assertThat(idToken.getClaim("given_name")).isEqualTo("Ada");
        assertThat(idToken.getClaim("family_name")).isEqualTo("Lovelace");
        assertThat(idToken.getClaim("roles")).isEqualTo(List.of("admin", "staff"));
        assertThat(idToken.getClaim("idp")).isEqualTo(idpId);
        assertThat(idToken.getClaim("amr")).isEqualTo(List.of("ext"));
        String accessToken = tokens.json().get("access_token").asString();
        JWTClaimsSet access = claims(accessToken);
        assertThat(access.getClaim("roles")).isEqualTo(List.of("admin", "staff"));
        assertThat(access.getClaim("idp")).isEqualTo(idpId);
        assertThat(access.getClaim("amr")).isEqualTo(List.of("ext"));
        TestHttp.Response userinfo = http.get("/oidc/v1/userinfo", accessToken);
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json().get("roles").toString()).isEqualTo("[\"admin\",\"staff\"]");
    }

    @Test
    void missingOptionalClaimsNeverBlockRegistrationAndTheUserNameFallsBackToSub() {
        String idpId = idp("{\"claimMapping\":{\"userName\":[\"/upn\"],\"givenName\":[\"/given_name\"],"
                + "\"familyName\":[\"/family_name\"],\"roles\":[\"/groups\"]}}");
        String sub = user();
        Login login = loginWith(idpId, user -> jwt(RSA_KEY, c -> c.subject(sub)));
        JWTClaimsSet idToken = claims(tokens(app, login).json().get("id_token").asString());
        assertThat(idToken.getClaim("preferred_username")).isEqualTo(sub);
        assertThat(idToken.getClaim("given_name")).isNull();
        assertThat(idToken.getClaim("roles")).isEqualTo(List.of());
    }

    @Test
    void anUntrustedEmailIsNeverVerified() {
        String idpId = idp("{\"trustEmailVerified\":false}");
        Login login = loginWith(
                idpId,
                signed(c -> c.claim("email", UUID.randomUUID() + "@example.com").claim("email_verified", true)));
        JWTClaimsSet idToken = claims(tokens(app, login).json().get("id_token").asString());
        assertThat(idToken.getClaim("email_verified")).isEqualTo(false);
    }

    @Test
    void withoutAPolicyTokensStillCarryIdpAndAmrAndNoRoles() {
        String idpId = idp(null);
        JWTClaimsSet idToken = claims(tokens(app, loginWith(idpId, signed(c -> c)))
                .json()
                .get("id_token")
                .asString());
        assertThat(idToken.getClaim("idp")).isEqualTo(idpId);
        assertThat(idToken.getClaim("amr")).isEqualTo(List.of("ext"));
        assertThat(idToken.getClaims()).doesNotContainKey("roles");
    }
}
