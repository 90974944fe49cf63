package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.NginxWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real nginx, with the configuration of {@code docker/nginx/waf.conf.template}, is the WAF: it
 * turns the existing application's session cookie (a signed JWT) into the IdP's header on the JWT
 * endpoint. Skipped where nginx is not installed, except under {@code CI=true}, where that fails.
 */
class NginxWafTests extends LoginIntegrationTests {

    static final String SESSION_COOKIE = NginxWaf.SESSION_COOKIE;
    static final String HEADER = NginxWaf.HEADER;

    static NginxWaf nginx;
    static HttpServer existingApp;

    @BeforeAll
    static void startNginx() throws Exception {
        NginxWaf.binary();
        existingApp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        existingApp.createContext("/login", exchange -> {
            String user = exchange.getRequestURI().getQuery().replace("user=", "");
            String session = jwt(RSA_KEY, claims -> claims.subject(user).claim("email", user + "@example.com"));
            exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly");
            byte[] body = ("logged in at the existing application as " + user).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        existingApp.start();
        nginx = NginxWaf.start(
                BASE, "http://127.0.0.1:" + existingApp.getAddress().getPort());
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        if (existingApp != null) {
            existingApp.stop(0);
        }
    }

    String waf() {
        return nginx.url();
    }

    @Test
    void aLoginPassesThroughARealNginxThatTurnsTheSessionCookieIntoTheHeader() throws Exception {
        String idpId = createIdp(waf() + "/auth/jwt", HEADER, true, "STYLING_TYPE_UNSPECIFIED");
        App app = webApp();
        String user = "nina-" + UUID.randomUUID();
        Browser browser = new Browser();
        assertThat(browser.get(waf() + "/login?user=" + user).body()).contains("logged in at the existing application");
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        List<Browser.Hop> hops = browser.follow(request.url(), REDIRECT_URI);

        assertThat(hops).anySatisfy(hop -> assertThat(hop.url()).startsWith(waf() + "/auth/jwt?authRequestID="));
        Map<String, String> answer = appRedirect(hops);
        assertThat(answer).containsKey("code").containsEntry("state", request.state());
        TestHttp.Response tokens = redeem(app, answer.get("code"), request.verifier());
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(http.get(
                                "/oidc/v1/userinfo",
                                tokens.json().get("access_token").asString())
                        .json()
                        .get("email")
                        .asString())
                .isEqualTo(user + "@example.com");
    }

    @Test
    void withoutASessionAtTheExistingAppTheAppGetsAccessDenied() {
        String idpId = createIdp(waf() + "/auth/jwt", HEADER, true, "STYLING_TYPE_UNSPECIFIED");
        App app = webApp();
        AuthorizeRequest request = authorize(app, idpScope(idpId));

        Map<String, String> answer = appRedirect(new Browser().follow(request.url(), REDIRECT_URI));

        assertThat(answer).containsEntry("error", "access_denied").containsEntry("state", request.state());
    }
}
