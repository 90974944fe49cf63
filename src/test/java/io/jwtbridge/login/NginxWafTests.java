package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jwtbridge.IntegrationTests;
import io.jwtbridge.TestHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real nginx, with the configuration of {@code docker/nginx/waf.conf.template}, is the WAF: it
 * turns the existing application's session cookie (a signed JWT) into the IdP's header on the JWT
 * endpoint. Skipped where nginx is not installed, except under {@code CI=true}, where that fails.
 */
class NginxWafTests extends LoginIntegrationTests {

    static final String SESSION_COOKIE = "existing_session";
    static final String HEADER = "x-custom-tkn";

    static Process nginx;
    static HttpServer existingApp;
    static int wafPort;
    static Path prefix;

    static String nginxBinary() {
        for (String candidate : List.of(
                "/usr/sbin/nginx",
                "/usr/bin/nginx",
                "/usr/local/sbin/nginx",
                "/usr/local/bin/nginx",
                "/opt/homebrew/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String message = "nginx is not installed (Debian: apt-get install nginx-light); the nginx WAF test needs it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " and CI must run it");
        }
        Assumptions.abort(message);
        return null;
    }

    @BeforeAll
    static void startNginx() throws Exception {
        String binary = nginxBinary();
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
        wafPort = IntegrationTests.freePort();
        prefix = Files.createTempDirectory("nginx-waf");
        String server = Files.readString(Path.of("docker/nginx/waf.conf.template"))
                .replace("${WAF_PORT}", "127.0.0.1:" + wafPort)
                .replace("${BRIDGE_URL}", BASE)
                .replace(
                        "${EXISTING_APP_URL}",
                        "http://127.0.0.1:" + existingApp.getAddress().getPort())
                .replace("${SESSION_COOKIE}", SESSION_COOKIE)
                .replace("${JWT_HEADER}", HEADER);
        assertThat(server).doesNotContain("${");
        Files.writeString(prefix.resolve("waf.conf"), server);
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    include %1$s/waf.conf;
                }
                """.formatted(prefix));
        Process check = new ProcessBuilder(
                        binary,
                        "-t",
                        "-p",
                        prefix.toString(),
                        "-c",
                        prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .start();
        String checkOutput = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("nginx -t: " + checkOutput).isZero();
        nginx = new ProcessBuilder(
                        binary,
                        "-p",
                        prefix.toString(),
                        "-c",
                        prefix.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", wafPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nginx did not start: " + Files.readString(prefix.resolve("logs/error.log")));
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (existingApp != null) {
            existingApp.stop(0);
        }
    }

    String waf() {
        return "http://127.0.0.1:" + wafPort;
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
