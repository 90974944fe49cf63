package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.Parallel;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.Stored;
import io.jwtbridge.testsupport.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who a login signs in: linking, auto-registration, profile refresh, concurrency, IdP state. */
class LoginUsersTests extends LoginIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    SimulatedWaf waf;
    final Map<String, String> givenNames = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() {
        waf = new SimulatedWaf(
                BASE,
                "x-custom-tkn",
                user -> List.of(jwt(RSA_KEY, claims -> {
                    claims.subject(user).claim("email", user + "@example.com");
                    if (givenNames.containsKey(user)) {
                        claims.claim("given_name", givenNames.get(user));
                    }
                })));
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    String loginAndGetSub(String user, App app, String idpId) throws Exception {
        return loginAndGetSub(waf, user, app, idpId);
    }

    long links(String sub) {
        return Stored.links(jdbc, sub);
    }

    long usersWithEmail(String email) {
        return Stored.usersWithEmail(jdbc, email);
    }

    String givenName(String userId) {
        return jdbc.sql("select given_name from bridge_user where id = :id")
                .param("id", userId)
                .query(String.class)
                .single();
    }

    @Test
    void secondLoginOfTheSameSubReusesTheUserAndRefreshesItsProfile() throws Exception {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        String alice = "alice-" + UUID.randomUUID();
        givenNames.put(alice, "Alice");

        String first = loginAndGetSub(alice, app, idpId);
        givenNames.put(alice, "Alicia");
        String second = loginAndGetSub(alice, app, idpId);
        String other = loginAndGetSub("bob-" + UUID.randomUUID(), app, idpId);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(givenName(first)).isEqualTo("Alicia");
        givenNames.remove(alice);
        loginAndGetSub(alice, app, idpId);
        assertThat(givenName(first))
                .as("an absent claim keeps the stored value")
                .isEqualTo("Alicia");
        assertThat(links(alice)).isEqualTo(1);
    }

    @Test
    void anEmailChangedWithoutAVerifiedClaimIsNoLongerVerified() throws Exception {
        Map<String, Object> claims = new ConcurrentHashMap<>(Map.of("email", "a@corp.example", "email_verified", true));
        try (SimulatedWaf changing = wafSigning(claims)) {
            String idpId = createIdp(changing, "x-custom-tkn", true);
            App app = webApp();
            String user = "mallory-" + UUID.randomUUID();

            JWTClaimsSet first = idTokenClaims(changing, user, app, idpId);
            claims.put("email", "victim@corp.example");
            claims.remove("email_verified");
            JWTClaimsSet second = idTokenClaims(changing, user, app, idpId);
            claims.put("email_verified", "true");
            JWTClaimsSet third = idTokenClaims(changing, user, app, idpId);

            assertThat(first.getClaim("email_verified")).isEqualTo(true);
            assertThat(second.getStringClaim("email")).isEqualTo("victim@corp.example");
            assertThat(second.getClaim("email_verified")).isEqualTo(false);
            assertThat(third.getClaim("email_verified")).isEqualTo(true);
            claims.remove("email_verified");
            assertThat(idTokenClaims(changing, user, app, idpId).getClaim("email_verified"))
                    .as("the same address without the claim stays verified")
                    .isEqualTo(true);
        }
    }

    /** A WAF whose JWT for a user carries its sub and, as they are at each login, the given claims. */
    static SimulatedWaf wafSigning(Map<String, Object> claims) {
        return new SimulatedWaf(
                BASE,
                "x-custom-tkn",
                user -> List.of(jwt(RSA_KEY, jwt -> {
                    jwt.subject(user);
                    claims.forEach(jwt::claim);
                })));
    }

    JWTClaimsSet idTokenClaims(SimulatedWaf through, String user, App app, String idpId) throws Exception {
        TestHttp.Response tokens = loginAndRedeem(through, user, app, idpId);
        return SignedJWT.parse(tokens.json().get("id_token").asString()).getJWTClaimsSet();
    }

    @Test
    void withoutAutoRegisterAnUnknownSubIsRefusedAndNothingIsWritten() {
        String idpId = createIdp(waf, "x-custom-tkn", false);
        App app = webApp();
        String stranger = "stranger-" + UUID.randomUUID();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, stranger);
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        Map<String, String> answer = appRedirect(browser.follow(request.url(), REDIRECT_URI));

        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", request.state());
        assertThat(links(stranger)).isZero();
        assertThat(usersWithEmail(stranger + "@example.com")).isZero();
    }

    @Test
    void twentyParallelFirstLoginsOfOneSubMakeOneUserAndOneLink() throws Exception {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        String carol = "carol-" + UUID.randomUUID();
        List<String> results = Parallel.run(20, () -> loginAndGetSub(carol, app, idpId));

        assertThat(results).hasSize(20).containsOnly(results.get(0));
        assertThat(links(carol)).isEqualTo(1);
        assertThat(usersWithEmail(carol + "@example.com")).isEqualTo(1);
    }

    @Test
    void aDeactivatedIdpRefusesLoginsAndDeletingAnIdpRemovesItsLinks() throws Exception {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        String dave = "dave-" + UUID.randomUUID();
        loginAndGetSub(dave, app, idpId);
        assertThat(links(dave)).isEqualTo(1);

        assertThat(http.post("/admin/v1/idps/" + idpId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, dave);
        Map<String, String> answer = appRedirect(browser.follow(request.url(), REDIRECT_URI));
        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", request.state());

        assertThat(http.delete("/admin/v1/idps/" + idpId, adminToken()).status())
                .isEqualTo(200);
        assertThat(links(dave)).isZero();
    }

    @Test
    void aSessionFromOneIdpDoesNotAnswerARequestForAnother() {
        String first = createIdp(waf, "x-custom-tkn", true);
        String second = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "erin-" + UUID.randomUUID());
        assertThat(appRedirect(browser.follow(authorize(app, idpScope(first)).url(), REDIRECT_URI)))
                .containsKey("code");

        List<Browser.Hop> hops = browser.follow(authorize(app, idpScope(second)).url(), REDIRECT_URI);

        assertThat(hops.get(0).location())
                .as("the login runs again through the second IdP")
                .startsWith(waf.jwtEndpoint());
        assertThat(appRedirect(hops)).containsKey("code");
        List<Browser.Hop> same = browser.follow(authorize(app, idpScope(second)).url(), REDIRECT_URI);
        assertThat(same).hasSize(1);
        assertThat(appRedirect(same))
                .as("the session answers its own IdP at once")
                .containsKey("code");
    }

    @Test
    void deactivatingAUserEndsItsSessionsAndRefreshTokens() throws Exception {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        String gail = "gail-" + UUID.randomUUID();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, gail);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        Map<String, String> answer = appRedirect(browser.follow(request.url(), REDIRECT_URI));
        TestHttp.Response tokens = redeem(app, answer.get("code"), request.verifier());
        String userId = SignedJWT.parse(tokens.json().get("id_token").asString())
                .getJWTClaimsSet()
                .getSubject();
        String refreshToken = tokens.json().get("refresh_token").asString();

        assertThat(http.post("/admin/v1/users/" + userId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);

        List<Browser.Hop> hops = browser.follow(authorize(app, idpScope(idpId)).url(), REDIRECT_URI);
        assertThat(hops.get(0).location()).as("the session no longer answers").startsWith(waf.jwtEndpoint());
        assertThat(appRedirect(hops)).containsEntry("error", "access_denied");
        TestHttp.Response refreshed = refresh(app, refreshToken);
        assertThat(refreshed.status()).isEqualTo(400);
        assertThat(refreshed.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aSessionThroughADeactivatedIdpGetsNoCode() {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "hal-" + UUID.randomUUID());
        assertThat(appRedirect(browser.follow(authorize(app, idpScope(idpId)).url(), REDIRECT_URI)))
                .containsKey("code");
        assertThat(http.post("/admin/v1/idps/" + idpId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);

        List<Browser.Hop> hops = browser.follow(authorize(app, "openid").url(), REDIRECT_URI);

        assertThat(hops.get(0).location()).as("the login page, not a code").contains("/ui/login/login?");
        assertThat(hops).noneSatisfy(hop -> assertThat(hop.location()).startsWith(REDIRECT_URI));
    }

    /** A user's login through a new IdP into a new app (opaque access tokens), its code redeemed. */
    private record Grant(
            String idpId, App app, Browser browser, AuthorizeRequest request, String code, TestHttp.Response tokens) {

        String token(String name) {
            return tokens.json().get(name).asString();
        }
    }

    private Grant grantThroughANewIdp(String user) {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = createApp("OIDC_AUTH_METHOD_TYPE_BASIC", "OIDC_TOKEN_TYPE_BEARER");
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, user);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
        TestHttp.Response tokens = redeem(app, code, request.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return new Grant(idpId, app, browser, request, code, tokens);
    }

    @Test
    void whileAnIdpIsDeactivatedTheGrantsMadeThroughItAreUnknown() throws Exception {
        Grant grant = grantThroughANewIdp("ines-" + UUID.randomUUID());
        String idpId = grant.idpId();
        App app = grant.app();
        String accessToken = grant.token("access_token");
        String refreshToken = grant.token("refresh_token");
        // A code issued before the deactivation, redeemed after it.
        AuthorizeRequest pending = authorize(app, idpScope(idpId));
        String pendingCode =
                appRedirect(grant.browser().follow(pending.url(), REDIRECT_URI)).get("code");

        assertThat(http.post("/admin/v1/idps/" + idpId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);

        TestHttp.Response refreshed = refresh(app, refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(400);
        assertThat(refreshed.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/oidc/v1/userinfo", accessToken).status()).isEqualTo(401);
        TestHttp.Response introspection = http.clientPost(
                "/oauth/v2/introspect", app.clientId(), app.clientSecret(), "token=" + TestHttp.urlEncode(accessToken));
        assertThat(introspection.status()).isEqualTo(200);
        assertThat(introspection.json().get("active").asBoolean()).isFalse();
        TestHttp.Response late = redeem(app, pendingCode, pending.verifier());
        assertThat(late.status()).as(late.body()).isEqualTo(400);
        assertThat(late.json().get("error").asString()).isEqualTo("invalid_grant");

        // Reactivated, the IdP's grants that were not revoked work again.
        assertThat(http.post("/admin/v1/idps/" + idpId + "/_reactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/oidc/v1/userinfo", accessToken).status()).isEqualTo(200);
        TestHttp.Response again = refresh(app, refreshToken);
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        // Removed, for good.
        assertThat(http.delete("/admin/v1/idps/" + idpId, adminToken()).status())
                .isEqualTo(200);
        TestHttp.Response afterRemoval =
                refresh(app, again.json().get("refresh_token").asString());
        assertThat(afterRemoval.status()).as(afterRemoval.body()).isEqualTo(400);
        assertThat(http.get(
                                "/oidc/v1/userinfo",
                                again.json().get("access_token").asString())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void whileAnIdpIsDeactivatedRevocationLogoutAndACodeReplayStillTakeAccessAway() throws Exception {
        Grant grant = grantThroughANewIdp("jon-" + UUID.randomUUID());
        String idpId = grant.idpId();
        App app = grant.app();
        String accessToken = grant.token("access_token");
        String refreshToken = grant.token("refresh_token");
        String idToken = grant.token("id_token");

        assertThat(http.post("/admin/v1/idps/" + idpId + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(http.clientPost(
                                "/oauth/v2/revoke",
                                app.clientId(),
                                app.clientSecret(),
                                "token=" + TestHttp.urlEncode(refreshToken) + "&token_type_hint=refresh_token")
                        .status())
                .isEqualTo(200);
        TestHttp.Response replayed = redeem(app, grant.code(), grant.request().verifier());
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(400);
        List<Browser.Hop> logout = grant.browser()
                .follow(BASE + "/oidc/v1/end_session?id_token_hint=" + TestHttp.urlEncode(idToken), "http");
        assertThat(logout.get(0).status()).as(logout.get(0).body()).isEqualTo(302);

        // Reactivated: what was revoked, replayed or logged out stays so.
        assertThat(http.post("/admin/v1/idps/" + idpId + "/_reactivate", null, adminToken())
                        .status())
                .isEqualTo(200);
        TestHttp.Response refreshed = refresh(app, refreshToken);
        assertThat(refreshed.status()).as("revoked while the IdP was inactive").isEqualTo(400);
        assertThat(http.get("/oidc/v1/userinfo", accessToken).status())
                .as("the replayed code's access token is revoked")
                .isEqualTo(401);
        List<Browser.Hop> again =
                grant.browser().follow(authorize(app, idpScope(idpId)).url(), "http");
        assertThat(again.get(0).location())
                .as("logged out: the login runs again")
                .doesNotStartWith(REDIRECT_URI)
                .contains("authRequestID=");
    }

    @Test
    void emailVerifiedWithoutAnEmailNeverVerifiesTheStoredAddress() throws Exception {
        Map<String, Object> claims = new ConcurrentHashMap<>(Map.of("email", "p@corp.example"));
        try (SimulatedWaf changing = wafSigning(claims)) {
            String idpId = createIdp(changing, "x-custom-tkn", true);
            App app = webApp();
            String user = "pia-" + UUID.randomUUID();

            JWTClaimsSet first = idTokenClaims(changing, user, app, idpId);
            claims.remove("email");
            claims.put("email_verified", true);
            JWTClaimsSet second = idTokenClaims(changing, user, app, idpId);

            assertThat(first.getClaim("email_verified")).isEqualTo(false);
            assertThat(second.getStringClaim("email")).isEqualTo("p@corp.example");
            assertThat(second.getClaim("email_verified")).isEqualTo(false);
        }
    }
}
