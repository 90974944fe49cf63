package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Jwts;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The same IdP trust at the token endpoint: RFC 8693 token exchange of an upstream JWT and the RFC
 * 7523 JWT bearer grant give the user a browser login of the same upstream {@code sub} gives, by
 * the same checks and user rules, and tokens that work at userinfo, introspection and revocation.
 */
class UpstreamJwtGrantTests extends LoginIntegrationTests {

    static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String JWT_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    static final String BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final RSAKey ATTACKER = Jwts.rsa(RSA_KEY.getKeyID());

    @Autowired
    JdbcClient jdbc;

    SimulatedWaf waf;
    String issuer;
    String idpId;
    App service;

    @BeforeEach
    void setUp() {
        issuer = "https://gateway-" + UUID.randomUUID() + ".example.com";
        waf = new SimulatedWaf(BASE, "x-custom-tkn", user -> List.of(token(user, c -> c)));
        idpId = idp(issuer, true);
        service = app(List.of("OIDC_GRANT_TYPE_TOKEN_EXCHANGE", "OIDC_GRANT_TYPE_JWT_BEARER"), List.of());
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    /** A JWT IdP of its own issuer (so no other test's IdP shares it). */
    String idp(String issuer, boolean autoRegister) {
        TestHttp.Response created = http.post(
                "/admin/v1/idps/jwt",
                """
                {"name":"%s","jwtEndpoint":"%s","issuer":"%s","keysEndpoint":"%s","headerName":"x-custom-tkn",\
                "autoRegister":%s}""".formatted("idp-" + UUID.randomUUID(), waf.jwtEndpoint(), issuer, KEYS.keysUrl(), autoRegister),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("idpId").asString();
    }

    /** A confidential app with the code grant, the given others, and the given allowed IdPs. */
    App app(List<String> grants, List<String> allowedIdpIds) {
        TestHttp.Response created = http.post(
                "/admin/v1/apps/oidc",
                """
                {"name":"%s","redirectUris":["%s"],"grantTypes":%s,"allowedIdpIds":%s,\
                "accessTokenType":"OIDC_TOKEN_TYPE_BEARER"}""".formatted(
                                "app-" + UUID.randomUUID(),
                                REDIRECT_URI,
                                json(Stream.concat(Stream.of("OIDC_GRANT_TYPE_AUTHORIZATION_CODE"), grants.stream())
                                        .toList()),
                                json(allowedIdpIds)),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return new App(
                created.json().get("clientId").asString(),
                created.json().get("clientSecret").asString());
    }

    static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    String token(String sub, UnaryOperator<JWTClaimsSet.Builder> changes) {
        return sign(
                RSA_KEY,
                changes.apply(new JWTClaimsSet.Builder()
                                .issuer(issuer)
                                .subject(sub)
                                .audience(BASE)
                                .claim("email", sub + "@example.com")
                                .issueTime(new Date())
                                .expirationTime(Date.from(Instant.now().plusSeconds(300))))
                        .build());
    }

    TestHttp.Response exchange(App app, String jwt, String extra) {
        return http.tokenRequest(
                app.clientId(),
                app.clientSecret(),
                "grant_type=" + TestHttp.urlEncode(EXCHANGE) + "&subject_token=" + TestHttp.urlEncode(jwt)
                        + "&subject_token_type=" + TestHttp.urlEncode(JWT_TYPE) + extra);
    }

    TestHttp.Response bearer(App app, String jwt) {
        return http.tokenRequest(
                app.clientId(),
                app.clientSecret(),
                "grant_type=" + TestHttp.urlEncode(BEARER) + "&assertion=" + TestHttp.urlEncode(jwt));
    }

    String userinfoSub(String accessToken) {
        TestHttp.Response userinfo = http.get("/oidc/v1/userinfo", accessToken);
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        return userinfo.json().get("sub").asString();
    }

    long users() {
        return jdbc.sql("select count(*) from bridge_user").query(Long.class).single();
    }

    long links() {
        return jdbc.sql("select count(*) from user_link").query(Long.class).single();
    }

    @Test
    void tokenExchangeGivesTheUserABrowserLoginOfTheSameSubGives() throws Exception {
        String sub = "ann-" + UUID.randomUUID();
        String browserSub = loginAndGetSub(waf, sub, app(List.of(), List.of()), idpId);

        TestHttp.Response tokens = exchange(service, token(sub, c -> c), "");

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().get("issued_token_type").asString())
                .isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(tokens.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.header("Cache-Control")).contains("no-store");
        assertThat(userinfoSub(tokens.json().get("access_token").asString())).isEqualTo(browserSub);
    }

    @Test
    void jwtBearerGivesTheSameUserAndRegistersANewOneWhenTheIdpAllows() throws Exception {
        String sub = "bea-" + UUID.randomUUID();
        TestHttp.Response first = bearer(service, token(sub, c -> c));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().has("issued_token_type")).isFalse();
        String registered = userinfoSub(first.json().get("access_token").asString());

        String browserSub = loginAndGetSub(waf, sub, app(List.of(), List.of()), idpId);

        assertThat(browserSub).isEqualTo(registered);
    }

    @Test
    void anIdTokenCanBeAskedForAndNamesTheSameUser() throws Exception {
        String sub = "ida-" + UUID.randomUUID();
        TestHttp.Response tokens = exchange(
                service,
                token(sub, c -> c),
                "&requested_token_type=" + TestHttp.urlEncode("urn:ietf:params:oauth:token-type:id_token")
                        + "&scope=openid%20email");

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.json().get("issued_token_type").asString())
                .isEqualTo("urn:ietf:params:oauth:token-type:id_token");
        assertThat(tokens.json().get("token_type").asString()).isEqualTo("N_A");
        JWTClaimsSet idToken =
                SignedJWT.parse(tokens.json().get("access_token").asString()).getJWTClaimsSet();
        assertThat(idToken.getIssuer()).isEqualTo(BASE);
        assertThat(idToken.getAudience()).containsExactly(service.clientId());
        assertThat(idToken.getStringClaim("email")).isEqualTo(sub + "@example.com");
        assertThat(loginAndGetSub(waf, sub, app(List.of(), List.of()), idpId)).isEqualTo(idToken.getSubject());
    }

    @Test
    void withoutAutoRegisterAnUnknownSubIsRefusedAndNothingIsWritten() {
        issuer = "https://closed-" + UUID.randomUUID() + ".example.com";
        idp(issuer, false);
        long users = users();

        TestHttp.Response refused = exchange(service, token("nobody-" + UUID.randomUUID(), c -> c), "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(refused.json().get("error_description").asString()).startsWith("unknown_user:");
        assertThat(users()).isEqualTo(users);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("bad_signature", (Refusal) t -> sign(ATTACKER, t.claims(c -> c))),
                Arguments.of("wrong_issuer", (Refusal)
                        t -> sign(RSA_KEY, t.claims(c -> c.issuer("https://evil.example")))),
                Arguments.of("expired", (Refusal) t -> sign(
                        RSA_KEY,
                        t.claims(c -> c.issueTime(Date.from(Instant.now().minusSeconds(900)))
                                .expirationTime(Date.from(Instant.now().minusSeconds(120)))))),
                Arguments.of("unsupported_alg", (Refusal) t -> hs256(t.claims(c -> c))),
                Arguments.of("unknown_kid", (Refusal)
                        t -> sign(Jwts.rsa("unknown-" + UUID.randomUUID()), t.claims(c -> c))));
    }

    /** A refused token, made from the test's valid claims. */
    interface Refusal {
        String token(UpstreamJwtGrantTests test) throws Exception;
    }

    JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> changes) {
        return changes.apply(new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject("mal-" + UUID.randomUUID())
                        .audience(BASE)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300))))
                .build();
    }

    static String hs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(RSA_KEY.toRSAPublicKey().getEncoded()));
        return jwt.serialize();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void eachRefusalOfTheBrowserFlowIsInvalidGrantWithItsReasonAtBothGrantsAndWritesNothing(
            String reason, Refusal refusal) throws Exception {
        long users = users();
        long links = links();

        TestHttp.Response exchanged = exchange(service, refusal.token(this), "");
        TestHttp.Response asserted = bearer(service, refusal.token(this));

        for (TestHttp.Response refused : List.of(exchanged, asserted)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.json().get("error").asString()).isEqualTo("invalid_grant");
            assertThat(refused.json().get("error_description").asString()).startsWith(reason + ":");
        }
        assertThat(users()).isEqualTo(users);
        assertThat(links()).isEqualTo(links);
    }

    @Test
    void aDeactivatedIdpIsInvalidGrant() {
        assertThat(http.post("/admin/v1/idps/" + idpId + "/_deactivate", "{}", adminToken())
                        .status())
                .isEqualTo(200);

        TestHttp.Response refused = exchange(service, token("x-" + UUID.randomUUID(), c -> c), "");

        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(refused.json().get("error_description").asString()).startsWith("idp_inactive:");
    }

    @Test
    void aDeactivatedUserIsInvalidGrant() {
        String sub = "gone-" + UUID.randomUUID();
        TestHttp.Response first = bearer(service, token(sub, c -> c));
        String userId = userinfoSub(first.json().get("access_token").asString());
        assertThat(http.post("/admin/v1/users/" + userId + "/_deactivate", "{}", adminToken())
                        .status())
                .isEqualTo(200);

        TestHttp.Response refused = bearer(service, token(sub, c -> c));

        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(refused.json().get("error_description").asString())
                .startsWith("no_user:")
                .contains("deactivated");
    }

    @Test
    void aJwtBearerAssertionMustNameTheBridgeInItsAudience() {
        TestHttp.Response elsewhere =
                bearer(service, token("aud-" + UUID.randomUUID(), c -> c.audience("https://other")));
        TestHttp.Response tokenEndpoint =
                bearer(service, token("aud-" + UUID.randomUUID(), c -> c.audience(BASE + "/oauth/v2/token")));
        TestHttp.Response exchangeIgnoresIt =
                exchange(service, token("aud-" + UUID.randomUUID(), c -> c.audience("https://other")), "");

        assertThat(elsewhere.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(elsewhere.json().get("error_description").asString()).startsWith("wrong_audience:");
        assertThat(tokenEndpoint.status()).as(tokenEndpoint.body()).isEqualTo(200);
        assertThat(exchangeIgnoresIt.status()).as(exchangeIgnoresIt.body()).isEqualTo(200);
    }

    @Test
    void anAppWithoutTheGrantTypeIsUnauthorizedClient() {
        App exchangeOnly = app(List.of("OIDC_GRANT_TYPE_TOKEN_EXCHANGE"), List.of());
        App codeOnly = app(List.of(), List.of());

        TestHttp.Response refused = bearer(exchangeOnly, token("u-" + UUID.randomUUID(), c -> c));
        TestHttp.Response plain = exchange(codeOnly, token("u-" + UUID.randomUUID(), c -> c), "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("unauthorized_client");
        assertThat(plain.json().get("error").asString()).isEqualTo("unauthorized_client");
    }

    @Test
    void aPublicClientCanNeitherBeGivenNorUseTheGrants() {
        TestHttp.Response created =
                http.post("/admin/v1/apps/oidc", """
                {"name":"%s","redirectUris":["%s"],"authMethodType":"OIDC_AUTH_METHOD_TYPE_NONE",\
                "appType":"OIDC_APP_TYPE_USER_AGENT",\
                "grantTypes":["OIDC_GRANT_TYPE_AUTHORIZATION_CODE","OIDC_GRANT_TYPE_TOKEN_EXCHANGE"]}""".formatted("pub-" + UUID.randomUUID(), REDIRECT_URI), adminToken());
        App publicApp = createApp("OIDC_AUTH_METHOD_TYPE_NONE", "OIDC_TOKEN_TYPE_BEARER");
        TestHttp.Response used = http.send(http.request("/oauth/v2/token", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=" + TestHttp.urlEncode(BEARER)
                        + "&assertion=" + TestHttp.urlEncode(token("p-" + UUID.randomUUID(), c -> c))
                        + "&client_id=" + TestHttp.urlEncode(publicApp.clientId()))));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().get("message").asString()).contains("grantTypes");
        assertThat(used.status()).as(used.body()).isEqualTo(401);
        assertThat(used.body()).doesNotContain("access_token");
    }

    @Test
    void theIssuedAccessTokenWorksAtUserinfoAndIntrospectionUntilRevoked() {
        TestHttp.Response tokens = exchange(service, token("rev-" + UUID.randomUUID(), c -> c), "");
        String accessToken = tokens.json().get("access_token").asString();
        String form = "token=" + TestHttp.urlEncode(accessToken);

        JsonNode active = http.clientPost("/oauth/v2/introspect", service.clientId(), service.clientSecret(), form)
                .json();
        userinfoSub(accessToken);
        TestHttp.Response revoked =
                http.clientPost("/oauth/v2/revoke", service.clientId(), service.clientSecret(), form);
        JsonNode after = http.clientPost("/oauth/v2/introspect", service.clientId(), service.clientSecret(), form)
                .json();

        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(after.get("active").asBoolean()).isFalse();
        assertThat(http.get("/oidc/v1/userinfo", accessToken).status()).isEqualTo(401);
    }

    @Test
    void withTheRefreshGrantTheExchangeGivesARefreshTokenThatWorks() {
        App withRefresh = app(List.of("OIDC_GRANT_TYPE_REFRESH_TOKEN", "OIDC_GRANT_TYPE_TOKEN_EXCHANGE"), List.of());
        TestHttp.Response tokens = exchange(withRefresh, token("ref-" + UUID.randomUUID(), c -> c), "");
        TestHttp.Response withoutRefresh = exchange(service, token("ref-" + UUID.randomUUID(), c -> c), "");

        TestHttp.Response refreshed =
                refresh(withRefresh, tokens.json().get("refresh_token").asString());

        assertThat(withoutRefresh.json().has("refresh_token")).isFalse();
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().get("access_token").asString()).isNotBlank();
    }

    @Test
    void severalIdpsOfOneIssuerAreChosenByTheAppsAllowedIdps() {
        String twin = idp(issuer, true);
        App limited = app(List.of("OIDC_GRANT_TYPE_JWT_BEARER"), List.of(twin));
        App open = app(List.of("OIDC_GRANT_TYPE_JWT_BEARER"), List.of());
        App elsewhere =
                app(List.of("OIDC_GRANT_TYPE_JWT_BEARER"), List.of(idp("https://other-" + UUID.randomUUID(), true)));

        TestHttp.Response ambiguous = bearer(open, token("twin-" + UUID.randomUUID(), c -> c));
        TestHttp.Response chosen = bearer(limited, token("twin-" + UUID.randomUUID(), c -> c));
        TestHttp.Response notAllowed = bearer(elsewhere, token("twin-" + UUID.randomUUID(), c -> c));

        assertThat(ambiguous.json().get("error_description").asString()).startsWith("ambiguous_issuer:");
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(notAllowed.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(notAllowed.json().get("error_description").asString()).startsWith("idp_not_allowed:");
    }

    @Test
    void discoveryListsBothGrantTypes() {
        JsonNode metadata = http.get("/.well-known/openid-configuration", null).json();

        assertThat(metadata.get("grant_types_supported").toString())
                .contains(EXCHANGE)
                .contains(BEARER);
    }

    @Test
    void onlyAnIdpsJwtCanBeExchangedNotAnotherAppsAccessToken() {
        String othersToken = exchange(
                        app(List.of("OIDC_GRANT_TYPE_TOKEN_EXCHANGE"), List.of()),
                        token("o-" + UUID.randomUUID(), c -> c),
                        "")
                .json()
                .get("access_token")
                .asString();

        TestHttp.Response refused = http.tokenRequest(
                service.clientId(),
                service.clientSecret(),
                "grant_type=" + TestHttp.urlEncode(EXCHANGE) + "&subject_token=" + TestHttp.urlEncode(othersToken)
                        + "&subject_token_type="
                        + TestHttp.urlEncode("urn:ietf:params:oauth:token-type:access_token"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(refused.body()).doesNotContain("access_token\":");
    }

    @Test
    void anEncryptedOrUnsignedTokenIsMalformedNotAServerError() {
        for (String notSigned : List.of("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d", "eyJhbGciOiJub25lIn0.e30.")) {
            TestHttp.Response refused = exchange(service, notSigned, "");

            assertThat(refused.status()).as(notSigned).isEqualTo(400);
            assertThat(refused.json().get("error_description").asString()).startsWith("malformed:");
        }
    }
}
