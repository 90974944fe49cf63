package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.Parallel;
import io.jwtbridge.testsupport.Stored;
import io.jwtbridge.testsupport.TestHttp;
import io.jwtbridge.testsupport.WafLoginTests;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Codes are single use, redirect URIs match exactly, PKCE is S256 only. */
class AuthorizationCodeTests extends WafLoginTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void tenParallelRedemptionsOfOneCodeGiveExactlyOneTokenSet() throws Exception {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "frank-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
        List<TestHttp.Response> responses = Parallel.run(10, () -> redeem(app, code, request.verifier()));

        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.status() == 400)
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.json().get("error").asString()).isEqualTo("invalid_grant"));
    }

    @Test
    void theRedemptionStoresTheTokensAndLeavesTheStoredAuthorizeRequestAndSignInAsTheyWere() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "gina-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
        String attributesWithTheCode = jdbc.sql(
                        "select attributes from oauth2_authorization where authorization_code_value = ?")
                .param(TokenHashes.hash(code))
                .query(String.class)
                .single();

        TestHttp.Response tokens = redeem(app, code, request.verifier());

        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        Map<String, Object> row =
                jdbc.sql("""
                        select attributes, access_token_value, refresh_token_value, oidc_id_token_value, code_redeemed
                        from oauth2_authorization where authorization_code_value = ?""").param(TokenHashes.hash(code)).query().singleRow();
        assertThat(row.get("attributes")).isEqualTo(attributesWithTheCode);
        assertThat(row.get("access_token_value"))
                .isEqualTo(TokenHashes.hash(tokens.json().get("access_token").asString()));
        assertThat(row.get("refresh_token_value"))
                .isEqualTo(TokenHashes.hash(tokens.json().get("refresh_token").asString()));
        assertThat(row.get("oidc_id_token_value"))
                .isEqualTo(TokenHashes.hash(tokens.json().get("id_token").asString()));
        assertThat(row.get("code_redeemed")).isEqualTo(true);
        assertThat(http.get(
                                "/oidc/v1/userinfo",
                                tokens.json().get("access_token").asString())
                        .status())
                .isEqualTo(200);
        TestHttp.Response refreshed =
                refresh(app, tokens.json().get("refresh_token").asString());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesTheTokensItIssued() {
        App bearerApp = createApp("OIDC_AUTH_METHOD_TYPE_BASIC", "OIDC_TOKEN_TYPE_BEARER");
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "heidi-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(bearerApp, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
        TestHttp.Response first = redeem(bearerApp, code, request.verifier());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String accessToken = first.json().get("access_token").asString();
        assertThat(http.get("/oidc/v1/userinfo", accessToken).status()).isEqualTo(200);

        TestHttp.Response replay = redeem(bearerApp, code, request.verifier());

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/oidc/v1/userinfo", accessToken).status())
                .as("RFC 6749 §4.1.2: the tokens of a replayed code are revoked")
                .isEqualTo(401);
    }

    @Test
    void aCodeTheAppRevokedCannotBeRedeemed() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "ivan-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");

        TestHttp.Response revoked = http.send(http.request("/oauth/v2/revoke", null)
                .header(
                        "Authorization",
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString((app.clientId() + ":" + app.clientSecret())
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + TestHttp.urlEncode(code))));
        assertThat(revoked.status()).isEqualTo(200);

        TestHttp.Response redeemed = redeem(app, code, request.verifier());
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(400);
        assertThat(redeemed.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aCodeOfAUserWhoIsNoLongerActiveCannotBeRedeemed() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "karl-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
        // As if the code had been stored just after a deactivation removed the user's grants: the
        // user is inactive, the code's row is still there.
        jdbc.sql("""
                        update bridge_user set state = 'USER_STATE_INACTIVE' where id =
                            (select principal_name from oauth2_authorization where registered_client_id =
                                (select id from oauth2_registered_client where client_id = :client))
                        """).param("client", app.clientId()).update();

        TestHttp.Response redeemed = redeem(app, code, request.verifier());

        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(400);
        assertThat(redeemed.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void theResumedAuthorizeRequestKeepsNeitherTheFlowIdNorTheHandle() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "judy-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        List<Browser.Hop> hops = browser.follow(request.url(), REDIRECT_URI);
        String callback = hops.stream()
                .map(Browser.Hop::url)
                .filter(url -> url.contains("/jwt/callback"))
                .findFirst()
                .orElseThrow();
        String handle = callback.substring(callback.indexOf("handle=") + "handle=".length());
        assertThat(appRedirect(hops)).containsKey("code");

        List<String> attributes = Stored.authorizationAttributes(jdbc, app.clientId());
        assertThat(attributes).hasSize(1);
        assertThat(attributes.get(0))
                .contains(request.state())
                .doesNotContain(handle)
                .doesNotContain("authRequestID");
    }

    @Test
    void aGeneratedClientSecretKeepsItsFastHashAfterTokenRequests() throws Exception {
        for (int i = 0; i < 2; i++) {
            Browser browser = new Browser();
            browser.loggedInAtWaf(waf, "grace-" + UUID.randomUUID());
            AuthorizeRequest request = authorize(app, idpScope(idpId));
            String code =
                    appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
            assertThat(redeem(app, code, request.verifier()).status()).isEqualTo(200);
        }

        assertThat(jdbc.sql("select client_secret from oauth2_registered_client where client_id = :id")
                        .param("id", app.clientId())
                        .query(String.class)
                        .single())
                .as("the Authorization Server must not re-hash the generated secret with bcrypt")
                .startsWith("{sha256}");
    }

    @Test
    void theStateComesBackAsSentWithACodeAndWithARefusal() throws Exception {
        // Characters a query string gives meaning to, and one outside ASCII.
        String state = "a+b c&d=e/f?g%25h#ié";
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "rosa-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId), state);
        Map<String, String> granted = appRedirect(browser.follow(request.url(), REDIRECT_URI));
        assertThat(granted).containsKey("code").containsEntry("state", state);
        TestHttp.Response tokens = redeem(app, granted.get("code"), request.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(SignedJWT.parse(tokens.json().get("id_token").asString())
                        .getJWTClaimsSet()
                        .getStringClaim("nonce"))
                .as("the nonce as sent, its + included")
                .isEqualTo(request.nonce());

        // An IdP that registers no one: the refusal goes back to the app with the same state.
        String closedIdp = createIdp(waf, "x-custom-tkn", false);
        Browser stranger = new Browser();
        stranger.loggedInAtWaf(waf, "stranger-" + UUID.randomUUID());
        Map<String, String> refused = appRedirect(
                stranger.follow(authorize(app, idpScope(closedIdp), state).url(), REDIRECT_URI));
        assertThat(refused).containsEntry("error", "access_denied").containsEntry("state", state);
    }

    @Test
    void redirectUriMustMatchExactly() {
        Browser browser = new Browser();
        String url = authorize(app, idpScope(idpId))
                .url()
                .replace(TestHttp.urlEncode(REDIRECT_URI), TestHttp.urlEncode(REDIRECT_URI + "/other"));
        assertThat(url).contains(TestHttp.urlEncode("callback/other"));

        HttpResponse<String> response = browser.get(url);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();

        browser.loggedInAtWaf(waf, "gina-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
        TestHttp.Response wrongRedirect = http.tokenRequest(
                app.clientId(),
                app.clientSecret(),
                "grant_type=authorization_code&code=" + TestHttp.urlEncode(code) + "&redirect_uri="
                        + TestHttp.urlEncode(REDIRECT_URI + "/other") + "&code_verifier=" + request.verifier());
        assertThat(wrongRedirect.status()).isEqualTo(400);
        assertThat(wrongRedirect.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void plainPkceIsRefusedAndAPublicClientMustUsePkce() {
        Browser browser = new Browser();
        String plain = authorize(app, idpScope(idpId))
                .url()
                .replace("code_challenge_method=S256", "code_challenge_method=plain");

        Map<String, String> answer = appRedirect(browser.follow(plain, REDIRECT_URI));
        assertThat(answer)
                .containsEntry("error", "invalid_request")
                .containsEntry("iss", BASE)
                .doesNotContainKey("code");

        App publicApp = createApp("OIDC_AUTH_METHOD_TYPE_NONE", "OIDC_TOKEN_TYPE_BEARER");
        String withoutPkce = authorize(publicApp, idpScope(idpId)).url().replaceAll("&code_challenge[^&]*", "");
        assertThat(withoutPkce).doesNotContain("code_challenge");
        assertThat(appRedirect(new Browser().follow(withoutPkce, REDIRECT_URI)))
                .containsEntry("error", "invalid_request");
    }

    @Test
    void anUnknownIdpInTheScopeIsRefusedAtTheApp() {
        AuthorizeRequest request = authorize(app, idpScope("404404404"));

        Map<String, String> answer = appRedirect(new Browser().follow(request.url(), REDIRECT_URI));

        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", request.state());
    }

    @Test
    void scopesTheAppWasNotGivenAreRefused() {
        AuthorizeRequest request = authorize(app, idpScope(idpId) + " admin");

        Map<String, String> answer = appRedirect(new Browser().follow(request.url(), REDIRECT_URI));

        assertThat(answer)
                .containsEntry("error", "invalid_scope")
                .containsEntry("state", request.state())
                .containsEntry("iss", BASE);
    }
}
