package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.TestHttp;
import io.jwtbridge.testsupport.WafLoginTests;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code prompt} and {@code max_age} (OpenID Connect Core §3.1.2.1): a browser signed in at the
 * bridge gets its code from its session, unless the app asks for a new sign-in, which then goes
 * through the WAF again; {@code prompt=none} never starts a login.
 */
class ReauthenticationTests extends WafLoginTests {

    @Autowired
    JdbcClient jdbc;

    Browser browser;

    /** After the WAF, the IdP and the app of {@link WafLoginTests}: a browser signed in once. */
    @BeforeEach
    void setUp() {
        browser = new Browser();
        browser.loggedInAtWaf(waf, "rita-" + UUID.randomUUID());
        assertThat(login("")).as("the first login goes through the WAF").isTrue();
    }

    /** An authorize request with {@code extra} parameters ending in a code: whether it went through the WAF. */
    private boolean login(String extra) {
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        List<Browser.Hop> hops = browser.follow(request.url() + extra, REDIRECT_URI);
        Map<String, String> answer = appRedirect(hops);
        assertThat(answer).as("answer of %s", extra).containsKey("code");
        TestHttp.Response tokens = redeem(app, answer.get("code"), request.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return hops.stream().anyMatch(hop -> hop.url().startsWith(waf.jwtEndpoint()));
    }

    @Test
    void aSignedInBrowserGetsItsCodeFromTheSessionWithoutTheWaf() {
        assertThat(login("")).isFalse();
    }

    @Test
    void promptLoginGoesThroughTheWafAgain() {
        assertThat(login("&prompt=login")).isTrue();
    }

    @Test
    void maxAgeOlderThanTheSessionsSignInGoesThroughTheWafAgainAndAYoungerOneDoesNot() throws Exception {
        Thread.sleep(5);
        assertThat(login("&max_age=0")).isTrue();
        assertThat(login("&max_age=3600")).isFalse();
    }

    @Test
    void theIdTokenOfAForcedSignInHasANewAuthTime() throws Exception {
        long before = authTime("&max_age=3600");
        Thread.sleep(1100);
        long after = authTime("&prompt=login");

        assertThat(after).isGreaterThan(before);
    }

    private long authTime(String extra) throws Exception {
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        Map<String, String> answer = appRedirect(browser.follow(request.url() + extra, REDIRECT_URI));
        TestHttp.Response tokens = redeem(app, answer.get("code"), request.verifier());
        return SignedJWT.parse(tokens.json().get("id_token").asString())
                .getJWTClaimsSet()
                .getDateClaim("auth_time")
                .getTime();
    }

    @Test
    void promptNoneWithASessionAnswersWithACode() {
        assertThat(login("&prompt=none")).isFalse();
    }

    @Test
    void promptNoneWithoutASessionAnswersLoginRequiredAndStartsNoFlow() {
        Browser stranger = new Browser();
        stranger.loggedInAtWaf(waf, "sam-" + UUID.randomUUID());
        long flowsBefore = flows();
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        List<Browser.Hop> hops = stranger.follow(request.url() + "&prompt=none", REDIRECT_URI);

        assertThat(appRedirect(hops))
                .containsEntry("error", "login_required")
                .containsEntry("state", request.state())
                .doesNotContainKey("code");
        assertThat(hops).noneMatch(hop -> hop.url().startsWith(waf.jwtEndpoint()));
        assertThat(flows()).isEqualTo(flowsBefore);
    }

    @Test
    void promptNoneWhenMaxAgeAsksForANewerSignInAnswersLoginRequired() throws Exception {
        Thread.sleep(5);
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        List<Browser.Hop> hops = browser.follow(request.url() + "&prompt=none&max_age=0", REDIRECT_URI);

        assertThat(appRedirect(hops)).containsEntry("error", "login_required");
    }

    private long flows() {
        return jdbc.sql("select count(*) from login_flow").query(Long.class).single();
    }

    @Test
    void aHugeMaxAgeIsAnsweredFromTheSessionNotAServerError() {
        assertThat(login("&max_age=99999999999999999")).isFalse();
        assertThat(login("&max_age=9223372036854775807")).isFalse();
    }
}
