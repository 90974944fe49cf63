package io.jwtbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An app limited to some IdPs ({@code allowedIdpIds}) gets no user through another: not at
 * authorize, not on the login page, not at the callback of a flow whose IdP it no longer allows, and
 * not from a browser session made through another IdP.
 */
class AllowedIdpsTests extends LoginIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    SimulatedWaf waf;
    String allowed;
    String other;
    String appId;
    App app;

    @BeforeEach
    void setUp() {
        waf = new SimulatedWaf(BASE, "x-custom-tkn", user -> List.of(jwt(RSA_KEY, c -> c.subject(user))));
        allowed = createIdp(waf, "x-custom-tkn", true);
        other = createIdp(waf, "x-custom-tkn", true);
        TestHttp.Response created = http.post(
                "/admin/v1/apps/oidc",
                """
                {"name":"%s","redirectUris":["%s"],"allowedIdpIds":["%s"]}""".formatted("limited-" + UUID.randomUUID(), REDIRECT_URI, allowed),
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        appId = created.json().get("appId").asString();
        app = new App(
                created.json().get("clientId").asString(),
                created.json().get("clientSecret").asString());
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    long flows() {
        return jdbc.sql("select count(*) from login_flow").query(Long.class).single();
    }

    @Test
    void theAppShowsItsAllowedIdpsInTheAdminApi() {
        TestHttp.Response read = http.get("/admin/v1/apps/" + appId, adminToken());

        assertThat(read.json().get("app").get("oidcConfig").get("allowedIdpIds").toString())
                .isEqualTo("[\"" + allowed + "\"]");
    }

    @Test
    void anAuthorizeRequestNamingAnotherIdpGetsAccessDeniedAndNoFlow() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "ora-" + UUID.randomUUID());
        long flows = flows();

        List<Browser.Hop> hops = browser.follow(authorize(app, idpScope(other)).url(), REDIRECT_URI);

        assertThat(appRedirect(hops)).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(appRedirect(hops).get("error_description")).startsWith("idp_not_allowed:");
        assertThat(hops).noneMatch(hop -> hop.url().startsWith(waf.jwtEndpoint()));
        assertThat(flows()).isEqualTo(flows);
    }

    @Test
    void theLoginPageShowsOnlyTheAllowedIdps() {
        Browser browser = new Browser();
        List<Browser.Hop> hops = browser.follow(authorize(app, "openid").url());

        String page = hops.get(hops.size() - 1).body();
        assertThat(page).contains(IdpScopeFor.of(allowed)).doesNotContain(IdpScopeFor.of(other));
    }

    @Test
    void aFlowWhoseIdpIsNoLongerAllowedIsRefusedAtTheCallback() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "cal-" + UUID.randomUUID());
        AuthorizeRequest request = authorize(app, idpScope(allowed));
        List<Browser.Hop> toCallback = browser.follow(request.url(), BASE + CALLBACK_PATH);
        String callback = toCallback.get(toCallback.size() - 1).location();
        TestHttp.Response changed =
                http.put("/admin/v1/apps/" + appId + "/oidc_config", """
                {"redirectUris":["%s"],"allowedIdpIds":["%s"]}""".formatted(REDIRECT_URI, other), adminToken());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        Map<String, String> answer = appRedirect(browser.follow(callback, REDIRECT_URI));

        assertThat(answer).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(answer).containsEntry("state", request.state());
    }

    @Test
    void aSessionMadeThroughAnotherIdpDoesNotAnswerTheLimitedApp() {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "ses-" + UUID.randomUUID());
        App open = webApp();
        AuthorizeRequest first = authorize(open, idpScope(other));
        assertThat(appRedirect(browser.follow(first.url(), REDIRECT_URI))).containsKey("code");

        List<Browser.Hop> hops = browser.follow(authorize(app, "openid").url(), REDIRECT_URI);

        Browser.Hop last = hops.get(hops.size() - 1);
        assertThat(last.status()).as("the login page, not a code: " + hops).isEqualTo(200);
        assertThat(last.body()).contains(IdpScopeFor.of(allowed));
    }

    /** How the login page's button for an IdP names it (its scope, URL-encoded). */
    static final class IdpScopeFor {
        static String of(String idpId) {
            return "idp%3Aid%3A" + idpId;
        }
    }
}
