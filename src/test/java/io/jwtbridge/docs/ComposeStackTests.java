package io.jwtbridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.IntegrationTests;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.NginxWaf;
import io.jwtbridge.testsupport.Ports;
import io.jwtbridge.testsupport.RequiredProgram;
import io.jwtbridge.testsupport.TestHttp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The compose stack of {@code docker/compose.yaml} without Docker, from the very same files: the
 * bridge, {@code docker/existing-app/server.mjs} and {@code docker/demo-app/server.mjs} run by a
 * real {@code node}, and a real nginx with {@code docker/nginx/waf.conf.template}, each on a free
 * local port. As in compose, the browser reaches the bridge by one name ({@code localhost}, the
 * issuer) and the demo app and nginx reach it by another ({@code 127.0.0.1}, as
 * {@code http://bridge:8080}). The demo app registers itself at the bridge when it starts, as it
 * does in compose. Skipped where node or nginx is not installed, except under {@code CI=true},
 * where that fails.
 */
class ComposeStackTests extends LoginIntegrationTests {

    static final String BACK_CHANNEL = "http://127.0.0.1:" + PORT;
    static final String EXISTING_APP_ISSUER = "https://existing-app.local";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String IDP_NAME = "existing-app-" + RUN;
    static final String APP_NAME = "demo-app-" + RUN;
    static final Path LOGS = Path.of("target");

    static String node;
    static Process existingApp;
    static Process demoApp;
    static NginxWaf waf;
    static int existingAppPort;
    static int demoAppPort;

    static String nodeBinary() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> candidates = new ArrayList<>();
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                candidates.add(directory + "/node");
            }
        }
        candidates.addAll(List.of("/usr/bin/node", "/usr/local/bin/node", "/opt/homebrew/bin/node"));
        return RequiredProgram.find(candidates, "Debian: apt-get install nodejs", "the compose stack test")
                .toString();
    }

    /** A node script of docker/, its output appended to target/compose-stack-{name}.log. */
    static Process startNode(String name, String script, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(node, script).redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    static Path log(String name) {
        return LOGS.resolve("compose-stack-" + name + ".log");
    }

    static String existingAppUrl() {
        return "http://127.0.0.1:" + existingAppPort;
    }

    static String demoApp() {
        return "http://127.0.0.1:" + demoAppPort;
    }

    /** The demo app's environment: docker/compose.yaml's, with this machine's addresses. */
    static Map<String, String> demoAppEnvironment() {
        return Map.ofEntries(
                Map.entry("PORT", String.valueOf(demoAppPort)),
                Map.entry("DEMO_APP_URL", demoApp()),
                Map.entry("BRIDGE_ISSUER", BASE),
                Map.entry("BRIDGE_URL", BACK_CHANNEL),
                Map.entry("BRIDGE_ADMIN_CLIENT_ID", IntegrationTests.ADMIN_CLIENT_ID),
                Map.entry("BRIDGE_ADMIN_CLIENT_SECRET", IntegrationTests.ADMIN_CLIENT_SECRET),
                Map.entry("DEMO_APP_NAME", APP_NAME),
                Map.entry("IDP_NAME", IDP_NAME),
                Map.entry("IDP_JWT_ENDPOINT", waf.url() + "/auth/jwt"),
                Map.entry("IDP_ISSUER", EXISTING_APP_ISSUER),
                Map.entry("IDP_KEYS_ENDPOINT", existingAppUrl() + "/keys"),
                Map.entry("IDP_HEADER_NAME", NginxWaf.HEADER));
    }

    @BeforeAll
    static void startTheStack() throws Exception {
        node = nodeBinary();
        NginxWaf.binary();
        Files.createDirectories(LOGS);
        for (String name : List.of("existing-app", "demo-app")) {
            Files.deleteIfExists(log(name));
        }
        existingAppPort = Ports.free();
        demoAppPort = Ports.free();
        existingApp = startNode(
                "existing-app",
                "docker/existing-app/server.mjs",
                Map.ofEntries(
                        Map.entry("PORT", String.valueOf(existingAppPort)),
                        Map.entry("EXISTING_APP_ISSUER", EXISTING_APP_ISSUER),
                        Map.entry("EXISTING_APP_COOKIE", NginxWaf.SESSION_COOKIE),
                        Map.entry("DEMO_APP_URL", demoApp())));
        waf = NginxWaf.start(BACK_CHANNEL, existingAppUrl());
        // Started before the bridge may be up, as in compose: it tries again until the bridge answers.
        demoApp = startNode("demo-app", "docker/demo-app/server.mjs", demoAppEnvironment());
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        for (Process process : new Process[] {demoApp, existingApp}) {
            stop(process);
        }
        if (waf != null) {
            waf.close();
        }
    }

    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Waits, as compose's health checks do, until the existing app answers (nginx depends on it) and
     * the demo app has set itself up at the bridge.
     */
    @BeforeEach
    void theAppsAreReady() throws Exception {
        awaitHealthy(existingApp, "existing-app", existingAppUrl() + "/keys");
        awaitHealthy(demoApp, "demo-app", demoApp() + "/health");
    }

    static void awaitHealthy(Process app, String name, String url) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(app.isAlive())
                    .as(() -> "the " + name + " ended: " + logOf(name))
                    .isTrue();
            try {
                if (new Browser().get(url).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + name + " did not become healthy: " + logOf(name));
    }

    static String logOf(String name) {
        try {
            return Files.readString(log(name));
        } catch (IOException ex) {
            return "(no log: " + ex + ")";
        }
    }

    @Test
    void aUserOfTheExistingAppOpensTheDemoAppAndSeesTheClaimsTheBridgeHasForThem() {
        String user = "ada-" + UUID.randomUUID();
        Browser browser = new Browser();

        HttpResponse<String> login = browser.get(waf.url() + "/login?user=" + user);
        assertThat(login.statusCode()).isEqualTo(302);
        String existingAppPage = browser.get(waf.url() + "/").body();
        assertThat(existingAppPage).contains("You are logged in as <b>" + user + "</b>");
        assertThat(existingAppPage).contains("href=\"" + demoApp() + "\"");

        List<Browser.Hop> hops = browser.follow(demoApp(), "never-stop:");

        Browser.Hop last = hops.get(hops.size() - 1);
        assertThat(last.url()).as(hops::toString).isEqualTo(demoApp() + "/");
        assertThat(last.status()).as(() -> hops + "\n" + logOf("demo-app")).isEqualTo(200);
        assertThat(hops)
                .extracting(Browser.Hop::url)
                .satisfiesExactly(
                        url -> assertThat(url).isEqualTo(demoApp()),
                        url -> assertThat(url).isEqualTo(demoApp() + "/login"),
                        url -> assertThat(url).startsWith(BASE + "/oauth/v2/authorize?"),
                        url -> assertThat(url).startsWith(waf.url() + "/auth/jwt?authRequestID="),
                        // the bridge signs its user in and answers the authorize request: the code
                        url -> assertThat(url).startsWith(BASE + "/ui/login/login/jwt/callback?authRequestID="),
                        url -> assertThat(url).startsWith(demoApp() + "/callback?code="),
                        url -> assertThat(url).isEqualTo(demoApp() + "/"));
        assertThat(last.body()).contains("Signed in through the JWT IdP bridge as <b>" + user + "</b>");

        JsonNode bridgeUser = userNamed(user);
        String clientId = app().get("oidcConfig").get("clientId").asString();
        for (String table : List.of("id-token-claims", "userinfo-claims")) {
            Map<String, String> claims = claims(last.body(), table);
            assertThat(claims)
                    .as(table)
                    .containsEntry("sub", bridgeUser.get("id").asString())
                    .containsEntry(
                            "preferred_username", bridgeUser.get("userName").asString())
                    .containsEntry("email", user + "@example.com");
        }
        assertThat(claims(last.body(), "id-token-claims"))
                .containsEntry("iss", BASE)
                .containsEntry("aud", clientId);
    }

    @Test
    void theDemoAppsLogNamesPathsButNoCodeStateOrSecret() {
        Browser browser = new Browser();
        assertThat(browser.get(waf.url() + "/login?user=lee-" + UUID.randomUUID())
                        .statusCode())
                .as("logged in at the existing app")
                .isEqualTo(302);
        List<Browser.Hop> hops = browser.follow(demoApp() + "/login", demoApp() + "/callback");
        Map<String, String> callback = query(hops.get(hops.size() - 1).location());
        assertThat(browser.follow(hops.get(hops.size() - 1).location(), "never-stop:"))
                .last()
                .satisfies(hop -> assertThat(hop.body()).contains("Signed in through the JWT IdP bridge"));

        String log = logOf("demo-app");
        assertThat(log).contains("GET /callback -> 302");
        assertThat(log)
                .doesNotContain(callback.get("code"))
                .doesNotContain(callback.get("state"))
                .doesNotContain(IntegrationTests.ADMIN_CLIENT_SECRET)
                .doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}\\.eyJ");
    }

    @Test
    void withoutASessionAtTheExistingAppTheDemoAppSaysTheBridgeRefusedAndSignsNobodyIn() {
        Browser browser = new Browser();

        List<Browser.Hop> hops = browser.follow(demoApp(), "never-stop:");

        Browser.Hop last = hops.get(hops.size() - 1);
        assertThat(last.url()).startsWith(demoApp() + "/callback?error=access_denied");
        assertThat(last.status()).isEqualTo(403);
        assertThat(last.body())
                .contains("<code id=\"error\">access_denied</code>")
                .contains("the JWT header is missing")
                .contains("href=\"" + waf.url() + "/login?user=alice\"");
        assertThat(browser.get(demoApp() + "/").headers().firstValue("Location"))
                .contains("/login");
    }

    @Test
    void anAnswerWithAnotherStateOrIssuerIsRefusedAndSignsNobodyIn() {
        Browser browser = new Browser();
        assertThat(browser.get(waf.url() + "/login?user=mallory-" + UUID.randomUUID())
                        .statusCode())
                .as("logged in at the existing app")
                .isEqualTo(302);

        String otherState = callbackUrl(browser)
                .replaceQueryParam("state", "forged")
                .build()
                .toUriString();
        HttpResponse<String> refused = browser.get(otherState);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("state differs");

        String otherIssuer = callbackUrl(browser)
                .replaceQueryParam("iss", TestHttp.urlEncode("https://other-issuer.example"))
                .build()
                .toUriString();
        refused = browser.get(otherIssuer);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("iss differs");

        assertThat(browser.get(demoApp() + "/").statusCode()).isEqualTo(302);
    }

    @Test
    void aRestartedDemoAppReusesItsIdpAndAppAndUsersStillSignIn() throws Exception {
        String idpId = idpId();
        String appId = app().get("id").asString();

        stop(demoApp);
        demoApp = startNode("demo-app", "docker/demo-app/server.mjs", demoAppEnvironment());
        awaitHealthy(demoApp, "demo-app", demoApp() + "/health");

        assertThat(idpId()).isEqualTo(idpId);
        assertThat(app().get("id").asString()).isEqualTo(appId);
        assertThat(logOf("demo-app"))
                .contains("IdP \"" + IDP_NAME + "\" exists (" + idpId + ")")
                .contains("app \"" + APP_NAME + "\" exists");
        Browser browser = new Browser();
        assertThat(browser.get(waf.url() + "/login?user=grace-" + UUID.randomUUID())
                        .statusCode())
                .as("logged in at the existing app")
                .isEqualTo(302);
        List<Browser.Hop> hops = browser.follow(demoApp(), "never-stop:");
        assertThat(hops)
                .anySatisfy(hop -> assertThat(hop.url())
                        .startsWith(BASE + "/oauth/v2/authorize?")
                        .contains("urn%3Azitadel%3Aiam%3Aorg%3Aidp%3Aid%3A" + idpId));
        assertThat(hops.get(hops.size() - 1).body()).contains("Signed in through the JWT IdP bridge");
    }

    /** Follows a login from the demo app to the bridge's redirect back to the demo app's callback. */
    UriComponentsBuilder callbackUrl(Browser browser) {
        List<Browser.Hop> hops = browser.follow(demoApp() + "/login", demoApp() + "/callback");
        String location = hops.get(hops.size() - 1).location();
        assertThat(location).as(hops::toString).startsWith(demoApp() + "/callback?code=");
        assertThat(query(location)).containsEntry("iss", BASE);
        return UriComponentsBuilder.fromUriString(location);
    }

    static Map<String, String> query(String url) {
        return UriComponentsBuilder.fromUriString(url).build().getQueryParams().toSingleValueMap().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
    }

    /** The rows of one claims table of the demo app's page: claim name → value as shown. */
    static Map<String, String> claims(String page, String tableId) {
        Matcher table = Pattern.compile("<table id=\"" + tableId + "\">(.*?)</table>", Pattern.DOTALL)
                .matcher(page);
        assertThat(table.find()).as(tableId + " in " + page).isTrue();
        Map<String, String> claims = new LinkedHashMap<>();
        Matcher row =
                Pattern.compile("<tr><th>([^<]*)</th><td>([^<]*)</td></tr>").matcher(table.group(1));
        while (row.find()) {
            claims.put(unescape(row.group(1)), unescape(row.group(2)));
        }
        return claims;
    }

    static String unescape(String html) {
        return html.replace("&#34;", "\"")
                .replace("&#39;", "'")
                .replace("&#60;", "<")
                .replace("&#62;", ">")
                .replace("&#38;", "&");
    }

    JsonNode userNamed(String userName) {
        TestHttp.Response found = http.post(
                "/admin/v1/users/_search",
                "{\"queries\":[{\"userNameQuery\":{\"userName\":\"%s\"}}]}".formatted(userName),
                adminToken());
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().get("result")).as(found.body()).hasSize(1);
        return found.json().get("result").get(0);
    }

    /** The one IdP the demo app set up, by name. */
    String idpId() {
        TestHttp.Response found = http.post(
                "/admin/v1/idps/_search",
                "{\"queries\":[{\"idpNameQuery\":{\"name\":\"%s\"}}]}".formatted(IDP_NAME),
                adminToken());
        assertThat(found.json().get("result")).as(found.body()).hasSize(1);
        return found.json().get("result").get(0).get("id").asString();
    }

    /** The one app the demo app set up, by name. */
    JsonNode app() {
        TestHttp.Response found = http.post(
                "/admin/v1/apps/_search",
                "{\"queries\":[{\"nameQuery\":{\"name\":\"%s\"}}]}".formatted(APP_NAME),
                adminToken());
        assertThat(found.json().get("result")).as(found.body()).hasSize(1);
        return found.json().get("result").get(0);
    }
}
