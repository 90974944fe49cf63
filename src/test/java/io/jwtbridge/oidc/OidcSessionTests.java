package io.jwtbridge.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.TestHttp;
import io.jwtbridge.testsupport.WafLoginTests;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One user signed in from two browsers has two OpenID Connect sessions: each browser's ID tokens
 * name its own session ({@code sid}), and RP-initiated logout ends only the session it names.
 */
class OidcSessionTests extends WafLoginTests {

    /** A browser signed in at the WAF and at the bridge, with the code of its login not redeemed yet. */
    private record SignedIn(Browser browser, AuthorizeRequest request, String code) {}

    private SignedIn signIn(String user) {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, user);
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        String code = appRedirect(browser.follow(request.url(), REDIRECT_URI)).get("code");
        assertThat(code).isNotNull();
        return new SignedIn(browser, request, code);
    }

    private TestHttp.Response tokens(SignedIn signedIn) {
        TestHttp.Response tokens =
                redeem(app, signedIn.code(), signedIn.request().verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return tokens;
    }

    private static String sidOf(TestHttp.Response tokens) throws Exception {
        return SignedJWT.parse(tokens.json().get("id_token").asString())
                .getJWTClaimsSet()
                .getStringClaim("sid");
    }

    @Test
    void eachBrowsersIdTokensNameItsOwnSessionThoughTheOtherWasUsedLater() throws Exception {
        String user = "pia-" + UUID.randomUUID();
        SignedIn laptop = signIn(user);
        // The phone signs in after the laptop's code was issued, before it is redeemed: the phone's
        // session is the user's most recently used one.
        SignedIn phone = signIn(user);
        assertThat(phone.browser().sid()).isNotEqualTo(laptop.browser().sid());

        TestHttp.Response laptopTokens = tokens(laptop);
        assertThat(sidOf(laptopTokens))
                .as("OIDC Front-Channel Logout §3: the sid of the session that made the login")
                .isEqualTo(laptop.browser().sid());
        assertThat(sidOf(tokens(phone))).isEqualTo(phone.browser().sid());

        // (The Authorization Server copies sid from the grant's previous ID token.)
        TestHttp.Response refreshed =
                refresh(app, laptopTokens.json().get("refresh_token").asString());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(sidOf(refreshed))
                .as("an ID token from a refresh names the same session")
                .isEqualTo(laptop.browser().sid());

        // Single sign-on: the laptop's next login is answered from its session at once.
        AuthorizeRequest again = authorize(app, idpScope(idpId));
        List<Browser.Hop> hops = laptop.browser().follow(again.url(), REDIRECT_URI);
        assertThat(hops).hasSize(1);
        assertThat(sidOf(tokens(
                        new SignedIn(laptop.browser(), again, appRedirect(hops).get("code")))))
                .isEqualTo(laptop.browser().sid());
    }

    @Test
    void twoTabsThatFinishTheirLoginsOneAfterTheOtherShareOneSession() throws Exception {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "rita-" + UUID.randomUUID());
        // Tab 1 gets as far as the callback; tab 2 then runs its whole login.
        AuthorizeRequest first = authorize(app, idpScope(idpId));
        List<Browser.Hop> toCallback = browser.follow(first.url(), BASE + CALLBACK_PATH);
        String callback = toCallback.get(toCallback.size() - 1).location();
        assertThat(callback).startsWith(BASE + CALLBACK_PATH);
        AuthorizeRequest second = authorize(app, idpScope(idpId));
        String secondCode =
                appRedirect(browser.follow(second.url(), REDIRECT_URI)).get("code");
        String secondIdToken = tokens(new SignedIn(browser, second, secondCode))
                .json()
                .get("id_token")
                .asString();

        // Tab 1 finishes: the same user signs in again in this browser and keeps its session.
        String firstCode = appRedirect(browser.follow(callback, REDIRECT_URI)).get("code");
        assertThat(sidOf(tokens(new SignedIn(browser, first, firstCode)))).isEqualTo(browser.sid());
        assertThat(SignedJWT.parse(secondIdToken).getJWTClaimsSet().getStringClaim("sid"))
                .as("tab 2's ID token still names this browser's session")
                .isEqualTo(browser.sid());
        List<Browser.Hop> logout = browser.follow(
                BASE + "/oidc/v1/end_session?id_token_hint=" + TestHttp.urlEncode(secondIdToken), "http");
        assertThat(logout.get(0).status()).as(logout.get(0).body()).isEqualTo(302);
    }

    @Test
    void anotherUserSigningInInTheSameBrowserGetsANewSessionId() throws Exception {
        SignedIn first = signIn("sam-" + UUID.randomUUID());
        String before = first.browser().sid();
        // Another IdP (so another user of the bridge, though the WAF's sub is the same): the
        // browser's session came through the first, so this login runs the whole flow.
        String otherIdp = createIdp(waf, "x-custom-tkn", true);
        AuthorizeRequest request = authorize(app, idpScope(otherIdp));
        String code =
                appRedirect(first.browser().follow(request.url(), REDIRECT_URI)).get("code");
        String sub = SignedJWT.parse(tokens(new SignedIn(first.browser(), request, code))
                        .json()
                        .get("id_token")
                        .asString())
                .getJWTClaimsSet()
                .getSubject();

        assertThat(sub)
                .isNotEqualTo(
                        SignedJWT.parse(tokens(first).json().get("id_token").asString())
                                .getJWTClaimsSet()
                                .getSubject());
        assertThat(first.browser().sid())
                .as("a new user in the browser gets a new session id (session fixation)")
                .isNotEqualTo(before);
    }

    /** What logout ends is the requesting browser's session; the other browser is not touched. */
    @Test
    void logoutWithOneBrowsersIdTokenEndsThatSessionOnly() {
        String user = "quinn-" + UUID.randomUUID();
        SignedIn laptop = signIn(user);
        SignedIn phone = signIn(user);
        String laptopIdToken = tokens(laptop).json().get("id_token").asString();
        tokens(phone);

        List<Browser.Hop> logout = laptop.browser()
                .follow(BASE + "/oidc/v1/end_session?id_token_hint=" + TestHttp.urlEncode(laptopIdToken), "http");
        assertThat(logout.get(0).status()).as(logout.get(0).body()).isEqualTo(302);

        // The laptop's next authorize request goes to the WAF's JWT endpoint again ...
        List<Browser.Hop> laptopAgain =
                laptop.browser().follow(authorize(app, idpScope(idpId)).url(), "http");
        assertThat(laptopAgain.get(0).location()).doesNotStartWith(REDIRECT_URI).contains("authRequestID=");
        // ... while the phone is still signed in: it gets a code at once.
        List<Browser.Hop> phoneAgain =
                phone.browser().follow(authorize(app, idpScope(idpId)).url(), "http");
        assertThat(phoneAgain.get(0).location()).startsWith(REDIRECT_URI).contains("code=");
    }
}
