package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Without the IdP scope the login page lists the active IdPs; a click runs the same flow. */
class LoginPageTests extends LoginIntegrationTests {

    @Test
    void loginPageListsActiveIdpsAndAClickRunsTheLogin() {
        try (SimulatedWaf waf =
                new SimulatedWaf(BASE, "x-custom-tkn", user -> List.of(jwt(RSA_KEY, c -> c.subject(user))))) {
            String suffix = UUID.randomUUID().toString();
            String googleId = createIdp(waf.jwtEndpoint(), "x-custom-tkn", true, "STYLING_TYPE_GOOGLE");
            String inactiveId = createIdp(waf, "x-custom-tkn", true);
            http.post("/admin/v1/idps/" + inactiveId + "/_deactivate", null, adminToken());
            String googleName = nameOf(googleId);
            String inactiveName = nameOf(inactiveId);
            App app = webApp();
            Browser browser = new Browser();
            browser.loggedInAtWaf(waf, "henry-" + suffix);
            // A state with a plus and a space, which a lenient encoding of the resumed request changes.
            AuthorizeRequest request = authorize(app, "openid profile", "s+" + suffix + " x");

            HttpResponse<String> authorize = browser.get(request.url());
            assertThat(authorize.statusCode()).isEqualTo(302);
            String loginPage = Browser.resolve(
                    authorize.uri(), authorize.headers().firstValue("Location").orElseThrow());
            assertThat(loginPage).startsWith(BASE + "/ui/login/login?");
            HttpResponse<String> page = browser.get(loginPage);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(page.body()).contains("Continue with " + googleName).doesNotContain(inactiveName);
            Matcher google = Pattern.compile(
                            "<a class=\"idp google\" href=\"([^\"]+)\">Continue with " + Pattern.quote(googleName))
                    .matcher(page.body());
            assertThat(google.find()).as(page.body()).isTrue();
            String href = google.group(1).replace("&amp;", "&");

            Map<String, String> answer = appRedirect(browser.follow(BASE + href, REDIRECT_URI));

            assertThat(answer).containsKey("code").containsEntry("state", request.state());
            assertThat(redeem(app, answer.get("code"), request.verifier()).status())
                    .isEqualTo(200);
        }
    }

    String nameOf(String idpId) {
        JsonNode idp = http.get("/admin/v1/idps/" + idpId, adminToken()).json().get("idp");
        return idp.get("name").asString();
    }

    @Test
    void loginPageWithoutAnAuthorizeRequestSaysWhereToGo() {
        HttpResponse<String> page = new Browser().get(BASE + "/ui/login/login");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Open the application");
        assertThat(TestHttp.urlEncode("x")).isEqualTo("x");
    }

    @Test
    void anEmptyClientIdIsNoRequestNotAServerError() {
        TestHttp.Response page = http.get("/ui/login/login?client_id=&response_type=code", null);

        assertThat(page.status()).isEqualTo(400);
    }
}
