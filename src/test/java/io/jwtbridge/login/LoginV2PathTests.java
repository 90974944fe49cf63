package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.ProviderOptionsLoginTests;
import io.jwtbridge.testsupport.TestHttp;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ZITADEL's login v2 path of the JWT handler, {@code /idps/jwt}: a WAF configured for it gets
 * exactly what {@code /ui/login/login/jwt/authorize} answers, refusals included.
 */
class LoginV2PathTests extends ProviderOptionsLoginTests {

    static final String V1 = "/ui/login/login/jwt/authorize";
    static final String V2 = "/idps/jwt";

    /** The browser up to the JWT endpoint; the WAF's request is then made by the test. */
    record Started(Browser browser, AuthorizeRequest request, String query) {}

    Started start(App app, String idpId) {
        Browser browser = new Browser();
        AuthorizeRequest request = authorize(app, idpScope(idpId));
        List<Browser.Hop> hops = browser.follow(request.url(), waf.jwtEndpoint());
        String location = hops.get(hops.size() - 1).location();
        assertThat(location).startsWith(waf.jwtEndpoint());
        return new Started(browser, request, URI.create(location).getRawQuery());
    }

    TestHttp.Response waf(String path, String query, String token) {
        var request = http.request(path + "?" + query, null).GET();
        if (token != null) {
            request.header("x-custom-tkn", "Bearer " + token);
        }
        return http.send(request);
    }

    @Test
    void aTokenAtTheLoginV2PathSignsTheUserIn() throws Exception {
        String idp = createProvider(CREATE);
        App app = webApp();
        String user = wafUser("v2", Map.of("email", "v2@example.com"));
        Started started = start(app, idp);

        TestHttp.Response answer = waf(V2, started.query(), jwt(RSA_KEY, c -> c.subject(user)));

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).startsWith(BASE + "/ui/login/login/jwt/callback?authRequestID=");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(answer.header("Cache-Control")).contains("no-store");
        assertThat(answer.header("Set-Cookie")).as("no session for the WAF").isNull();
        Login login = new Login(
                started.browser(),
                started.request(),
                started.browser().follow(answer.header("Location"), REDIRECT_URI));
        assertThat(subOf(app, login)).isNotBlank();
    }

    @Test
    void refusalsAreTheSameAtBothPaths() {
        String idp = createProvider("{}");
        App app = webApp();
        String expired = sign(
                RSA_KEY,
                new com.nimbusds.jwt.JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .subject("x")
                        .expirationTime(new java.util.Date(System.currentTimeMillis() - 600_000))
                        .build());
        String unknown = jwt(RSA_KEY, c -> c.subject(wafUser("unknown", Map.of())));
        for (String token : new String[] {expired, unknown, null}) {
            String[] descriptions = new String[2];
            String[] paths = {V1, V2};
            for (int i = 0; i < 2; i++) {
                Started started = start(app, idp);
                TestHttp.Response answer = waf(paths[i], started.query(), token);
                assertThat(answer.status()).isEqualTo(302);
                Map<String, String> app302 =
                        appRedirect(List.of(new Browser.Hop(paths[i], 302, answer.header("Location"), "")));
                assertThat(app302)
                        .containsEntry("error", "access_denied")
                        .containsEntry("state", started.request().state());
                descriptions[i] = app302.get("error_description");
                TestHttp.Response again = waf(paths[i], started.query(), token);
                assertThat(again.status()).as("a flow answers once").isEqualTo(400);
                assertThat(again.body()).contains("Sign-in failed");
            }
            assertThat(descriptions[1]).isEqualTo(descriptions[0]);
        }
        TestHttp.Response noFlow = waf(V2, "authRequestID=nope", null);
        assertThat(noFlow.status()).isEqualTo(400);
        assertThat(noFlow.header("Content-Type")).startsWith("text/html");
        assertThat(waf(V1, "authRequestID=nope", null).body()).isEqualTo(noFlow.body());
    }
}
