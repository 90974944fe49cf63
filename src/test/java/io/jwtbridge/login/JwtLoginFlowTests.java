package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.KeysServer;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The whole browser login through a JWT IdP, as an app, a browser and a WAF see it. */
class JwtLoginFlowTests extends LoginIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    SimulatedWaf waf;

    @AfterEach
    void stopWaf() {
        if (waf != null) {
            waf.close();
        }
    }

    SimulatedWaf waf(JWK key, String headerName) {
        waf = new SimulatedWaf(
                BASE,
                headerName,
                user -> List.of("Bearer "
                        + jwt(
                                key,
                                claims -> claims.subject(user)
                                        .claim("preferred_username", user + "@example.com")
                                        .claim("email", user + "@example.com")
                                        .claim("email_verified", true)
                                        .claim("given_name", "Given " + user)
                                        .claim("family_name", "Family")
                                        .claim("name", "Given " + user + " Family")
                                        .claim("locale", "de"))));
        return waf;
    }

    static RSAKey rsa(String kid) {
        try {
            return new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                    .keyID(kid)
                    .generate();
        } catch (com.nimbusds.jose.JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    record Login(List<Browser.Hop> hops, Map<String, String> answer) {}

    Login login(Browser browser, AuthorizeRequest request) {
        List<Browser.Hop> hops = browser.follow(request.url(), REDIRECT_URI);
        return new Login(hops, appRedirect(hops));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256"})
    void confidentialWebAppLogsInThroughTheWafAndGetsVerifiableTokens(String algorithm) throws Exception {
        JWK key = algorithm.equals("RS256") ? RSA_KEY : EC_KEY;
        waf(key, "x-custom-tkn");
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        String user = "alice-" + UUID.randomUUID();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, user);
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        Login login = login(browser, request);

        assertThat(login.hops().get(0).location()).startsWith(waf.jwtEndpoint() + "?authRequestID=");
        assertThat(login.hops().get(0).location()).contains("&userAgentID=");
        // Step 7 (docs/login-flow.md): the callback itself answers with the code at the app's redirect_uri.
        assertThat(login.hops()).hasSize(3);
        assertThat(login.hops().get(2).url()).startsWith(BASE + "/ui/login/login/jwt/callback?");
        assertThat(login.hops().get(2).status()).isEqualTo(302);
        assertThat(login.hops().get(2).location()).startsWith(REDIRECT_URI + "?code=");
        assertThat(login.answer())
                .containsKey("code")
                .containsEntry("state", request.state())
                .containsEntry("iss", BASE);
        TestHttp.Response tokens = redeem(app, login.answer().get("code"), request.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).contains("no-store");
        JsonNode answer = tokens.json();

        SignedJWT idToken = SignedJWT.parse(answer.get("id_token").asString());
        JWKSet bridgeKeys = JWKSet.parse(http.get("/oauth/v2/keys", null).body());
        RSAKey signingKey =
                (RSAKey) bridgeKeys.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertThat(idToken.verify(new RSASSAVerifier(signingKey))).isTrue();
        var claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(BASE);
        assertThat(claims.getAudience()).containsExactly(app.clientId());
        assertThat(claims.getStringClaim("nonce")).isEqualTo(request.nonce());
        assertThat(claims.getSubject()).matches("\\d+").isNotEqualTo(user);
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo(user + "@example.com");
        assertThat(claims.getStringClaim("email")).isEqualTo(user + "@example.com");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getStringClaim("given_name")).isEqualTo("Given " + user);
        assertThat(claims.getStringClaim("family_name")).isEqualTo("Family");
        assertThat(claims.getStringClaim("name")).isEqualTo("Given " + user + " Family");
        assertThat(claims.getStringClaim("locale")).isEqualTo("de");
        assertThat(claims.getLongClaim("auth_time")).isNotNull();

        String accessToken = answer.get("access_token").asString();
        TestHttp.Response userinfo = http.get("/oidc/v1/userinfo", accessToken);
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        JsonNode info = userinfo.json();
        assertThat(info.get("sub").asString()).isEqualTo(claims.getSubject());
        assertThat(info.get("email").asString()).isEqualTo(user + "@example.com");
        assertThat(info.get("given_name").asString()).isEqualTo("Given " + user);
        assertThat(info.get("preferred_username").asString()).isEqualTo(user + "@example.com");

        TestHttp.Response refreshed = refresh(app, answer.get("refresh_token").asString());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().get("access_token").asString()).isNotEqualTo(accessToken);
        assertThat(SignedJWT.parse(refreshed.json().get("id_token").asString())
                        .getJWTClaimsSet()
                        .getSubject())
                .isEqualTo(claims.getSubject());
    }

    @Test
    void publicAppWithPkceAndOpaqueAccessTokenLogsIn() throws Exception {
        waf(RSA_KEY, "Authorization");
        String idpId = createIdp(waf, "", true);
        App app = createApp("OIDC_AUTH_METHOD_TYPE_NONE", "OIDC_TOKEN_TYPE_BEARER");
        assertThat(app.clientSecret()).isNull();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "bob-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        Login login = login(browser, request);

        assertThat(login.answer()).containsKey("code");
        TestHttp.Response tokens = redeem(app, login.answer().get("code"), request.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String accessToken = tokens.json().get("access_token").asString();
        assertThat(accessToken).doesNotContain(".");
        String sub = JWSObject.parse(tokens.json().get("id_token").asString())
                .getPayload()
                .toJSONObject()
                .get("sub")
                .toString();
        TestHttp.Response userinfo = http.get("/oidc/v1/userinfo", accessToken);
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.json().get("sub").asString()).isEqualTo(sub);
    }

    @Test
    void verificationAndFetchMetricsArePublishedToAdminsOnly() {
        waf(RSA_KEY, "x-custom-tkn");
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "metrics-" + UUID.randomUUID());
        assertThat(login(browser, authorize(app, idpScope(idpId))).answer()).containsKey("code");

        assertThat(http.get("/actuator/prometheus", null).status()).isEqualTo(401);
        TestHttp.Response metrics =
                http.send(http.request("/actuator/prometheus", adminToken()).header("Accept", "text/plain"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern(
                        "jwtbridge_token_verifications_total\\{[^}]*idp=\"" + idpId + "\"[^}]*outcome=\"accepted\"")
                .containsPattern("jwtbridge_jwks_fetches_total\\{[^}]*idp=\"" + idpId + "\"[^}]*outcome=\"success\"")
                .contains("jwtbridge_jwks_last_success_age_seconds");
    }

    @Test
    void changingTheKeysEndpointDropsTheCachedKeysAtOnce() {
        RSAKey rotated = rsa("rotated-" + UUID.randomUUID());
        try (KeysServer newKeys = new KeysServer()) {
            newKeys.publish(new JWKSet(rotated));
            waf(RSA_KEY, "x-custom-tkn");
            String idpId = createIdp(waf, "x-custom-tkn", true);
            App app = webApp();
            String user = "rita-" + UUID.randomUUID();
            Browser browser = new Browser();
            browser.loggedInAtWaf(waf, user);
            assertThat(login(browser, authorize(app, idpScope(idpId))).answer()).containsKey("code");

            TestHttp.Response changed = http.put(
                    "/admin/v1/idps/" + idpId + "/jwt_config",
                    """
                    {"jwtEndpoint":"%s","issuer":"%s","keysEndpoint":"%s","headerName":"x-custom-tkn"}""".formatted(waf.jwtEndpoint(), ISSUER, newKeys.keysUrl()),
                    adminToken());
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            waf.headerValues(u -> List.of(jwt(rotated, claims -> claims.subject(u))));

            Browser again = new Browser();
            again.loggedInAtWaf(waf, user);
            assertThat(login(again, authorize(app, idpScope(idpId))).answer()).containsKey("code");
            assertThat(newKeys.hits.get()).isEqualTo(1);
        }
    }

    @Test
    void tokensAreStoredOnlyAsHashesAndIntrospectionAndRevocationStillWork() {
        waf(RSA_KEY, "x-custom-tkn");
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = createApp("OIDC_AUTH_METHOD_TYPE_BASIC", "OIDC_TOKEN_TYPE_BEARER");
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "hash-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = login(browser, request).answer().get("code");
        JsonNode tokens = redeem(app, code, request.verifier()).json();
        String accessToken = tokens.get("access_token").asString();
        String refreshToken = tokens.get("refresh_token").asString();
        String idToken = tokens.get("id_token").asString();

        assertThat(jdbc.sql("""
                        select count(*) from oauth2_authorization
                        where authorization_code_value = :code or access_token_value = :access
                           or refresh_token_value = :refresh or oidc_id_token_value = :id
                        """)
                        .param("code", code)
                        .param("access", accessToken)
                        .param("refresh", refreshToken)
                        .param("id", idToken)
                        .query(Long.class)
                        .single())
                .as("no token is stored as it is")
                .isZero();
        assertThat(jdbc.sql("select count(*) from oauth2_authorization where access_token_value like 'sha256:%'")
                        .query(Long.class)
                        .single())
                .isPositive();

        assertThat(http.get("/oidc/v1/userinfo", accessToken).status()).isEqualTo(200);
        TestHttp.Response introspection = http.clientPost(
                "/oauth/v2/introspect", app.clientId(), app.clientSecret(), "token=" + TestHttp.urlEncode(accessToken));
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.json().get("active").asBoolean()).isTrue();

        TestHttp.Response revoked = http.clientPost(
                "/oauth/v2/revoke",
                app.clientId(),
                app.clientSecret(),
                "token=" + TestHttp.urlEncode(refreshToken) + "&token_type_hint=refresh_token");
        assertThat(revoked.status()).isEqualTo(200);
        TestHttp.Response refreshed = refresh(app, refreshToken);
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.json().get("error").asString()).isEqualTo("invalid_grant");
    }
}
