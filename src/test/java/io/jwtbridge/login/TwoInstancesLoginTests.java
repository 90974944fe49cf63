package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.Ports;
import io.jwtbridge.testsupport.SecondInstance;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * All state lives in PostgreSQL: a login started on one instance finishes on another, and a change
 * made through one instance holds on the other at once (its cached settings and codes included).
 */
class TwoInstancesLoginTests extends LoginIntegrationTests {

    private static final int SECOND_PORT = Ports.free();
    private static final String SECOND = "http://localhost:" + SECOND_PORT;

    private static ConfigurableApplicationContext second;
    /** The WAF in front of instance 2: it hands the JWT to instance 2's JWT handler. */
    private static SimulatedWaf waf;

    @BeforeAll
    static void startSecondInstance() {
        second = SecondInstance.start(SECOND_PORT);
        waf = new SimulatedWaf(SECOND, "x-custom-tkn", user -> List.of(jwt(RSA_KEY, c -> c.subject(user))));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (waf != null) {
            waf.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aFlowStartedOnOneInstanceFinishesOnTheOther() {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "ivan-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        // Instance 1 starts the flow; the WAF hands the JWT to instance 2.
        List<Browser.Hop> first = browser.follow(request.url(), BASE + "/ui/login/login/jwt/callback");
        assertThat(first.get(0).url()).startsWith(BASE + "/oauth/v2/authorize");
        String callback = first.get(first.size() - 1).location();
        assertThat(callback).startsWith(BASE + "/ui/login/login/jwt/callback");
        // The load balancer sends the callback, and so the resumed authorize request, to instance 2.
        List<Browser.Hop> rest = browser.follow(callback.replace(BASE, SECOND), REDIRECT_URI);
        assertThat(rest).allSatisfy(hop -> assertThat(hop.url()).startsWith(SECOND));
        Map<String, String> answer = appRedirect(rest);
        assertThat(answer).containsKey("code").containsEntry("state", request.state());

        // Instance 1 redeems the code instance 2 issued.
        TestHttp.Response tokens = redeem(app, answer.get("code"), request.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(new TestHttp(SECOND)
                        .get(
                                "/oidc/v1/userinfo",
                                tokens.json().get("access_token").asString())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anIdpDeactivatedThroughOneInstanceIsRefusedByTheOtherAtOnce() throws InterruptedException {
        String user = "judy-" + UUID.randomUUID();
        // Instance 2 serves a whole login, so it holds the IdP and the app in its cache.
        LoginAtSecond first = loginAtSecond(user);
        assertThat(first.code()).isNotNull();

        assertThat(http.post("/admin/v1/idps/" + first.idpId() + "/_deactivate", null, adminToken())
                        .status())
                .isEqualTo(200);

        // Instance 2 hears of it by PostgreSQL's NOTIFY, within milliseconds.
        Map<String, String> answer = Map.of();
        for (int attempt = 0; attempt < 40 && !answer.containsKey("error"); attempt++) {
            answer = first.again(user);
            if (!answer.containsKey("error")) {
                Thread.sleep(50);
            }
        }
        assertThat(answer).containsEntry("error", "access_denied");
    }

    @Test
    void aCodeRevokedThroughOneInstanceCannotBeRedeemedAtTheInstanceThatIssuedIt() {
        // Instance 2 issues the code (and keeps it in memory until it is redeemed).
        LoginAtSecond login = loginAtSecond("kim-" + UUID.randomUUID());

        TestHttp.Response revoked = http.clientPost(
                "/oauth/v2/revoke",
                login.app().clientId(),
                login.app().clientSecret(),
                "token=" + TestHttp.urlEncode(login.code()));
        assertThat(revoked.status()).isEqualTo(200);

        TestHttp.Response redeemed = redeemAtSecond(login);
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(400);
        assertThat(redeemed.json().get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void theIdTokenNamesTheSessionAlsoWhenTheCodeIsRedeemedAtAnotherInstance() throws Exception {
        // The session is made at instance 2 ...
        LoginAtSecond login = loginAtSecond("lena-" + UUID.randomUUID());
        // ... and the code redeemed at instance 1.
        String sid = com.nimbusds.jwt.SignedJWT.parse(
                        tokensAtFirst(login).json().get("id_token").asString())
                .getJWTClaimsSet()
                .getStringClaim("sid");
        assertThat(sid)
                .as("OIDC Front-Channel Logout §3: sid identifies the session the login made")
                .isEqualTo(login.browser().sid());
    }

    @Test
    void aSessionMadeAtOneInstanceIsEndedThroughTheOther() {
        LoginAtSecond login = loginAtSecond("mona-" + UUID.randomUUID());
        String idToken = tokensAtFirst(login).json().get("id_token").asString();
        // Single sign-on: the same browser gets a code at once.
        assertThat(appRedirect(login.browser()
                        .follow(authorize(login.app(), idpScope(login.idpId())).url(), REDIRECT_URI)))
                .containsKey("code");

        // RP-initiated logout at instance 1, with the ID token (its sid checked against the session).
        List<Browser.Hop> logout = login.browser()
                .follow(BASE + "/oidc/v1/end_session?id_token_hint=" + TestHttp.urlEncode(idToken), "http");
        assertThat(logout.get(0).status()).as(logout.get(0).body()).isEqualTo(302);

        // The session is gone: the next authorize request goes to the WAF's JWT endpoint again.
        List<Browser.Hop> again = login.browser()
                .follow(authorize(login.app(), idpScope(login.idpId())).url(), "http");
        assertThat(again.get(0).location()).doesNotStartWith(REDIRECT_URI).contains("authRequestID=");
    }

    @Test
    void logoutWithTheIdTokenOfAnotherSessionOfTheSameUserIsRefused() {
        String user = "nina-" + UUID.randomUUID();
        LoginAtSecond first = loginAtSecond(user);
        tokensAtFirst(first);
        // The same user in a second browser: another session, whose ID token names it.
        Browser other = new Browser();
        other.loggedInAtWaf(waf, user);
        AuthorizeRequest request = authorize(first.app(), idpScope(first.idpId()));
        TestHttp.Response otherTokens =
                redeem(first.app(), appRedirect(followAtSecond(other, request)).get("code"), request.verifier());
        assertThat(otherTokens.status()).as(otherTokens.body()).isEqualTo(200);

        // The first browser at instance 1 with the second session's ID token: its sid is not this session.
        List<Browser.Hop> logout = first.browser()
                .follow(
                        BASE + "/oidc/v1/end_session?id_token_hint="
                                + TestHttp.urlEncode(
                                        otherTokens.json().get("id_token").asString()),
                        "http");
        assertThat(logout.get(0).status()).as(logout.get(0).body()).isEqualTo(400);
    }

    @Test
    void aCodeReplayedAtTheInstanceThatIssuedItRevokesTheTokensItGaveAtTheOther() {
        // Instance 2 issues the code (and keeps it in memory); instance 1 redeems it.
        LoginAtSecond login = loginAtSecond("olga-" + UUID.randomUUID());
        String accessToken = tokensAtFirst(login).json().get("access_token").asString();
        assertThat(new TestHttp(SECOND).get("/oidc/v1/userinfo", accessToken).status())
                .isEqualTo(200);

        TestHttp.Response replayed = redeemAtSecond(login);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(400);
        assertThat(replayed.json().get("error").asString()).isEqualTo("invalid_grant");
        assertThat(http.get("/oidc/v1/userinfo", accessToken).status())
                .as("RFC 6749 §4.1.2: the tokens of a replayed code are revoked")
                .isEqualTo(401);
    }

    /** A login through a new IdP and app whose every browser hop instance 2 served. */
    private record LoginAtSecond(String idpId, App app, AuthorizeRequest request, Browser browser, String code) {

        /** Another login of {@code user} in a fresh browser, all at instance 2; the app's answer. */
        Map<String, String> again(String user) {
            Browser fresh = new Browser();
            fresh.loggedInAtWaf(waf, user);
            return appRedirect(followAtSecond(fresh, authorize(app, idpScope(idpId))));
        }
    }

    /** The login's code redeemed at instance 2 (status not checked). */
    private static TestHttp.Response redeemAtSecond(LoginAtSecond login) {
        return new TestHttp(SECOND)
                .tokenRequest(
                        login.app().clientId(),
                        login.app().clientSecret(),
                        "grant_type=authorization_code&code=" + TestHttp.urlEncode(login.code()) + "&redirect_uri="
                                + TestHttp.urlEncode(REDIRECT_URI) + "&code_verifier="
                                + TestHttp.urlEncode(login.request().verifier()));
    }

    /** The login's code redeemed at instance 1. */
    private TestHttp.Response tokensAtFirst(LoginAtSecond login) {
        TestHttp.Response tokens =
                redeem(login.app(), login.code(), login.request().verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens;
    }

    private LoginAtSecond loginAtSecond(String user) {
        String idpId = createIdp(waf, "x-custom-tkn", true);
        App app = webApp();
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, user);
        return new LoginAtSecond(
                idpId,
                app,
                request,
                browser,
                appRedirect(followAtSecond(browser, request)).get("code"));
    }

    /** Every hop of the login at instance 2 (the callback URL names the public issuer). */
    private static List<Browser.Hop> followAtSecond(Browser browser, AuthorizeRequest request) {
        List<Browser.Hop> first = browser.follow(
                request.url().replace(BASE, SECOND), BASE + "/ui/login/login/jwt/callback", REDIRECT_URI);
        Browser.Hop last = first.get(first.size() - 1);
        if (last.location() == null || !last.location().startsWith(BASE + "/ui/login/login/jwt/callback")) {
            return first; // refused before the callback: the answer to the app is already here
        }
        List<Browser.Hop> rest = browser.follow(last.location().replace(BASE, SECOND), REDIRECT_URI);
        assertThat(rest).allSatisfy(hop -> assertThat(hop.url()).startsWith(SECOND));
        return rest;
    }
}
