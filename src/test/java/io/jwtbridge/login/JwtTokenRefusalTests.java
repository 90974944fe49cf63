package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.Jwts;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.Stored;
import io.jwtbridge.testsupport.TestHttp;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * docs/login-flow.md step 4 and the threat catalogue: every refused token sends {@code access_denied} with
 * the app's state to the app, and writes no user and no link.
 */
class JwtTokenRefusalTests extends LoginIntegrationTests {

    static final String HEADER = "x-custom-tkn";
    static final RSAKey ATTACKER = attackerKey(RSA_KEY.getKeyID());
    static final RSAKey ATTACKER_OWN_KID = attackerKey("attacker-" + UUID.randomUUID());

    @Autowired
    JdbcClient jdbc;

    SimulatedWaf waf;
    String idpId;
    App app;

    @BeforeEach
    void setUp() {
        waf = new SimulatedWaf(BASE, HEADER, user -> List.of());
        idpId = createIdp(waf, HEADER, true);
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anIdpIdWithALineBreakIsRefusedAndNeverLoggedAsSent(CapturedOutput output) {
        String forged = "1\r\n2026-12-03T09:00:00Z\tINFO\tFORGED-LOG-LINE-" + UUID.randomUUID();
        Browser browser = new Browser();

        Map<String, String> answer = appRedirect(browser.follow(
                authorize(app, "openid " + IdpScope.PREFIX + forged).url(), REDIRECT_URI));

        assertThat(answer).containsEntry("error", "access_denied");
        assertThat(output.getOut()).contains("idp (malformed id) unknown").doesNotContain("FORGED-LOG-LINE");
    }

    static JWTClaimsSet.Builder valid(String sub) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(sub)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("bad signature", (Function<String, List<String>>)
                        sub -> List.of("Bearer " + sign(ATTACKER, valid(sub).build()))),
                Arguments.of("wrong iss", (Function<String, List<String>>) sub -> List.of(sign(
                        RSA_KEY, valid(sub).issuer("https://evil.example.com").build()))),
                Arguments.of("expired", (Function<String, List<String>>) sub -> List.of(sign(
                        RSA_KEY,
                        valid(sub)
                                .issueTime(Date.from(Instant.now().minusSeconds(900)))
                                .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                                .build()))),
                Arguments.of("nbf in the future", (Function<String, List<String>>) sub -> List.of(sign(
                        RSA_KEY,
                        valid(sub)
                                .notBeforeTime(Date.from(Instant.now().plusSeconds(300)))
                                .build()))),
                Arguments.of("no exp", (Function<String, List<String>>) sub ->
                        List.of(sign(RSA_KEY, valid(sub).expirationTime(null).build()))),
                Arguments.of("no sub", (Function<String, List<String>>)
                        sub -> List.of(sign(RSA_KEY, valid(sub).subject(null).build()))),
                Arguments.of("alg none", (Function<String, List<String>>)
                        sub -> List.of(new PlainJWT(valid(sub).build()).serialize())),
                Arguments.of("HS256 signed with the public key", (Function<String, List<String>>)
                        sub -> List.of(hmacWithPublicKey(valid(sub).build()))),
                Arguments.of("unknown kid", (Function<String, List<String>>)
                        sub -> List.of(sign(ATTACKER_OWN_KID, valid(sub).build()))),
                Arguments.of("jwk header with the attacker's key", (Function<String, List<String>>)
                        sub -> List.of(signWithHeader(
                                ATTACKER,
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID(ATTACKER.getKeyID())
                                        .jwk(ATTACKER.toPublicJWK())
                                        .build(),
                                valid(sub).build()))),
                Arguments.of("jku header pointing at the attacker", (Function<String, List<String>>) sub ->
                        List.of(signWithHeader(
                                ATTACKER_OWN_KID,
                                new JWSHeader.Builder(JWSAlgorithm.RS256)
                                        .keyID(ATTACKER_OWN_KID.getKeyID())
                                        .jwkURL(URI.create(KEYS.attackerUrl()))
                                        .build(),
                                valid(sub).build()))),
                Arguments.of("missing header", (Function<String, List<String>>) sub -> List.of()),
                Arguments.of("header sent twice", (Function<String, List<String>>) sub -> List.of(
                        sign(RSA_KEY, valid(sub).build()),
                        sign(RSA_KEY, valid(sub).build()))),
                Arguments.of("header over 8 KiB", (Function<String, List<String>>) sub -> List.of("Bearer "
                        + sign(
                                RSA_KEY,
                                valid(sub)
                                        .claim("padding", "p".repeat(8 * 1024))
                                        .build()))),
                Arguments.of("Basic instead of a JWT", (Function<String, List<String>>)
                        sub -> List.of("Basic dXNlcjpwYXNzd29yZA==")),
                Arguments.of("empty header", (Function<String, List<String>>) sub -> List.of(" ")),
                Arguments.of("JWE-shaped (five parts)", (Function<String, List<String>>) sub -> List.of("a.b.c.d.e")));
    }

    /** The reason each refused token is refused with (metric, log, stored flow). */
    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("bad signature", "bad_signature"),
            Map.entry("wrong iss", "wrong_issuer"),
            Map.entry("expired", "expired"),
            Map.entry("nbf in the future", "not_yet_valid"),
            Map.entry("no exp", "missing_claim"),
            Map.entry("no sub", "missing_claim"),
            Map.entry("alg none", "malformed"),
            Map.entry("HS256 signed with the public key", "unsupported_alg"),
            Map.entry("unknown kid", "unknown_kid"),
            Map.entry("jwk header with the attacker's key", "bad_signature"),
            Map.entry("jku header pointing at the attacker", "unknown_kid"),
            Map.entry("missing header", "missing_token"),
            Map.entry("header sent twice", "repeated_header"),
            Map.entry("header over 8 KiB", "token_too_large"),
            Map.entry("Basic instead of a JWT", "malformed"),
            Map.entry("empty header", "missing_token"),
            Map.entry("JWE-shaped (five parts)", "malformed"));

    /** The reason stored with the flow the browser went through. */
    String refusalReasonOf(List<Browser.Hop> hops) {
        String flowId = hops.stream()
                .filter(hop -> hop.url().startsWith(waf.jwtEndpoint()))
                .map(hop -> UriComponentsBuilder.fromUriString(hop.url())
                        .build()
                        .getQueryParams()
                        .getFirst("authRequestID"))
                .findFirst()
                .orElseThrow();
        return jdbc.sql("select error_description from login_flow where id = :id")
                .param("id", flowId)
                .query(String.class)
                .single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusedTokenSendsAccessDeniedToTheAppAndWritesNothing(String name, Function<String, List<String>> token) {
        String sub = "victim-" + UUID.randomUUID();
        waf.headerValues(user -> token.apply(sub));
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, sub);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        int attackerHitsBefore = KEYS.attackerHits.get();

        List<Browser.Hop> hops = browser.follow(request.url(), REDIRECT_URI);

        Map<String, String> answer = appRedirect(hops);
        assertThat(answer)
                .containsEntry("error", "access_denied")
                .containsEntry("state", request.state())
                .containsEntry("iss", BASE)
                .doesNotContainKey("code");
        assertThat(answer.get("error_description")).isNotBlank();
        assertThat(refusalReasonOf(hops))
                .as("the reason the flow was refused with")
                .isEqualTo(REASONS.get(name));
        assertThat(hops).allSatisfy(hop -> assertThat(hop.status()).isLessThan(500));
        Stored.assertNothingStoredFor(jdbc, sub);
        assertThat(KEYS.attackerHits.get()).as("a jku URL is never fetched").isEqualTo(attackerHitsBefore);
    }

    static Stream<Arguments> acceptedHeaderForms() {
        return Stream.of(
                Arguments.of("Bearer x", (Function<String, String>) jwt -> "Bearer " + jwt),
                Arguments.of("bearer x", (Function<String, String>) jwt -> "bearer " + jwt),
                Arguments.of("BEARER x", (Function<String, String>) jwt -> "BEARER " + jwt),
                Arguments.of("bare JWT", (Function<String, String>) jwt -> jwt));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedHeaderForms")
    void bearerPrefixInAnyCaseOrABareJwtIsAccepted(String name, Function<String, String> form) {
        String sub = "user-" + UUID.randomUUID();
        waf.headerValues(user -> List.of(form.apply(sign(RSA_KEY, valid(user).build()))));
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, sub);

        Map<String, String> answer =
                appRedirect(browser.follow(authorize(app, idpScope(idpId)).url(), REDIRECT_URI));

        assertThat(answer).containsKey("code").doesNotContainKey("error");
    }

    @Test
    void anIdpWithAnAudienceAcceptsOnlyTokensForIt() {
        TestHttp.Response created = http.post(
                "/admin/v1/idps/jwt",
                """
                {"name":"aud-%s","jwtEndpoint":"%s","issuer":"%s","keysEndpoint":"%s","headerName":"%s",\
                "autoRegister":true,"audience":"bridge-audience"}""".formatted(UUID.randomUUID(), waf.jwtEndpoint(), ISSUER, KEYS.keysUrl(), HEADER),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String audienceIdp = created.json().get("idpId").asString();
        assertThat(http.get("/admin/v1/idps/" + audienceIdp, adminToken())
                        .json()
                        .get("idp")
                        .get("jwtConfig")
                        .get("audience")
                        .asString())
                .isEqualTo("bridge-audience");

        Map<String, Function<String, List<String>>> tokens = Map.of(
                "no aud", sub -> List.of(sign(RSA_KEY, valid(sub).build())),
                "another aud",
                        sub -> List.of(
                                sign(RSA_KEY, valid(sub).audience("another-app").build())),
                "the aud",
                        sub -> List.of(sign(
                                RSA_KEY,
                                valid(sub)
                                        .audience(List.of("x", "bridge-audience"))
                                        .build())));
        for (var token : tokens.entrySet()) {
            String sub = "aud-" + UUID.randomUUID();
            waf.headerValues(user -> token.getValue().apply(sub));
            Browser browser = new Browser();
            browser.loggedInAtWaf(waf, sub);
            Map<String, String> answer = appRedirect(
                    browser.follow(authorize(app, idpScope(audienceIdp)).url(), REDIRECT_URI));
            switch (token.getKey()) {
                case "the aud" -> assertThat(answer).as(token.getKey()).containsKey("code");
                case "no aud" ->
                    assertThat(answer)
                            .containsEntry("error", "access_denied")
                            .containsEntry("error_description", "the JWT has no aud, and the IdP requires one");
                default ->
                    assertThat(answer)
                            .containsEntry("error", "access_denied")
                            .containsEntry("error_description", "the JWT is not meant for this IdP's audience");
            }
        }
        assertThat(http.get("/admin/v1/idps/" + idpId, adminToken())
                        .json()
                        .get("idp")
                        .get("jwtConfig")
                        .has("audience"))
                .as("left out when unset")
                .isFalse();
    }

    static String signWithHeader(RSAKey key, JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String hmacWithPublicKey(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(RSA_KEY.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new MACSigner(RSA_KEY.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static RSAKey attackerKey(String kid) {
        return Jwts.rsa(kid);
    }
}
