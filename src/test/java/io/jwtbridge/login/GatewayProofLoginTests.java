package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.Stored;
import io.jwtbridge.testsupport.TestHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An IdP's gateway proof at the JWT handler: the secret header the gateway adds and the networks
 * it calls from. The WAF calls the bridge from 127.0.0.1; the test profile trusts only 127.0.0.2
 * as a proxy ({@code jwtbridge.gateway.trusted-proxies}).
 */
class GatewayProofLoginTests extends LoginIntegrationTests {

    static final String HEADER = "x-custom-tkn";
    static final String SECRET_HEADER = "x-gateway-secret";
    static final String SECRET = "gw-" + UUID.randomUUID();

    @Autowired
    JdbcClient jdbc;

    SimulatedWaf waf;
    String idpId;
    App app;

    @BeforeEach
    void setUp() {
        waf = new SimulatedWaf(
                "http://127.0.0.1:" + PORT, HEADER, user -> List.of(jwt(RSA_KEY, claims -> claims.subject(user))));
        idpId = createIdp(waf, HEADER, true);
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    void proof(String json) {
        TestHttp.Response response = http.put("/admin/v1/idps/" + idpId + "/gateway_proof", json, adminToken());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    Map<String, String> login(String sub) {
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, sub);
        return appRedirect(browser.follow(authorize(app, idpScope(idpId)).url(), REDIRECT_URI));
    }

    void assertRefusedAndNothingWritten(Map<String, String> answer, String sub) {
        assertThat(answer)
                .containsEntry("error", "access_denied")
                .containsEntry("iss", BASE)
                .doesNotContainKey("code");
        assertThat(answer.get("error_description")).startsWith("gateway_proof_failed");
        Stored.assertNothingStoredFor(jdbc, sub);
    }

    @Test
    void secretHeaderSentByTheGatewayLogsIn() {
        proof("{\"headerName\":\"%s\",\"secret\":\"%s\"}".formatted(SECRET_HEADER, SECRET));
        waf.extraHeaders(Map.of(SECRET_HEADER, List.of(SECRET)));

        assertThat(login("gw-ok-" + UUID.randomUUID())).containsKey("code").doesNotContainKey("error");
    }

    @Test
    void aCallerWithoutTheProofCannotEndALoginItKnowsTheIdOf() {
        proof("{\"headerName\":\"%s\",\"secret\":\"%s\"}".formatted(SECRET_HEADER, SECRET));
        waf.extraHeaders(Map.of(SECRET_HEADER, List.of(SECRET)));
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, "gw-victim-" + UUID.randomUUID());
        List<Browser.Hop> toWaf = browser.follow(authorize(app, idpScope(idpId)).url(), waf.jwtEndpoint());
        String atWaf = toWaf.get(toWaf.size() - 1).location();
        String flowId = UriComponentsBuilder.fromUriString(atWaf)
                .build()
                .getQueryParams()
                .getFirst("authRequestID");

        TestHttp.Response direct = http.send(http.request("/ui/login/login/jwt/authorize?authRequestID=" + flowId, null)
                .header(HEADER, jwt(RSA_KEY, c -> c.subject("attacker")))
                .GET());

        assertThat(direct.status()).isEqualTo(302);
        assertThat(direct.header("Location")).contains("error=access_denied");
        assertThat(appRedirect(browser.follow(atWaf, REDIRECT_URI)))
                .as("the gateway's own call still finishes the login")
                .containsKey("code");
    }

    @Test
    void missingWrongOrRepeatedSecretIsRefusedAndWritesNothing() {
        proof("{\"headerName\":\"%s\",\"secret\":\"%s\"}".formatted(SECRET_HEADER, SECRET));
        for (Map<String, List<String>> sent : List.<Map<String, List<String>>>of(
                Map.of(),
                Map.of(SECRET_HEADER, List.of(SECRET + "x")),
                Map.of(SECRET_HEADER, List.of(SECRET.substring(1))),
                Map.of(SECRET_HEADER, List.of(SECRET, SECRET)),
                Map.of("x-other-header", List.of(SECRET)))) {
            waf.extraHeaders(sent);
            String sub = "gw-no-" + UUID.randomUUID();
            assertRefusedAndNothingWritten(login(sub), sub);
        }
    }

    @Test
    void callerOutsideTheAllowedNetworksIsRefused() {
        proof("{\"allowedNetworks\":[\"10.0.0.0/8\",\"2001:db8::/32\"]}");

        String sub = "gw-net-" + UUID.randomUUID();
        assertRefusedAndNothingWritten(login(sub), sub);
    }

    @Test
    void callerInsideTheAllowedNetworksLogsIn() {
        proof("{\"allowedNetworks\":[\"10.0.0.0/8\",\"127.0.0.1/32\"]}");

        assertThat(login("gw-net-" + UUID.randomUUID())).containsKey("code");
    }

    @Test
    void bothPartsAreNeededWhenBothAreSet() {
        proof("{\"secret\":\"%s\",\"allowedNetworks\":[\"127.0.0.0/8\"]}".formatted(SECRET));
        waf.extraHeaders(Map.of(SECRET_HEADER, List.of(SECRET)));
        assertThat(login("gw-both-" + UUID.randomUUID())).containsKey("code");

        proof("{\"secret\":\"%s\",\"allowedNetworks\":[\"10.0.0.0/8\"]}".formatted(SECRET));
        String sub = "gw-both-" + UUID.randomUUID();
        assertRefusedAndNothingWritten(login(sub), sub);
    }

    @Test
    void forwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() {
        proof("{\"allowedNetworks\":[\"10.0.0.0/8\"]}");
        waf.extraHeaders(Map.of("X-Forwarded-For", List.of("10.1.2.3")));

        String sub = "gw-xff-" + UUID.randomUUID();
        assertRefusedAndNothingWritten(login(sub), sub);
    }

    @Test
    void forwardedForFromATrustedProxyGivesTheCaller() throws IOException {
        proof("{\"allowedNetworks\":[\"10.0.0.0/8\"]}");
        String sub = "gw-proxy-" + UUID.randomUUID();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, sub);
        List<Browser.Hop> toWaf = browser.follow(authorize(app, idpScope(idpId)).url(), waf.jwtEndpoint());
        String query = URI.create(toWaf.get(toWaf.size() - 1).location()).getRawQuery();
        String jwt = jwt(RSA_KEY, claims -> claims.subject(sub));

        // The WAF's request, as a trusted proxy (127.0.0.2) relays it for a caller in 10.0.0.0/8.
        String location = getFrom(
                "127.0.0.2",
                "/ui/login/login/jwt/authorize?" + query,
                Map.of(HEADER, jwt, "X-Forwarded-For", "203.0.113.7, 10.1.2.3"));

        assertThat(location).startsWith(BASE + JwtLogin.CALLBACK_PATH);
        assertThat(appRedirect(browser.follow(location, REDIRECT_URI))).containsKey("code");
    }

    /** A GET over a socket bound to the given local address: the Location of its 302. */
    static String getFrom(String localAddress, String pathAndQuery, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 5000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                    .append("Host: localhost:")
                    .append(PORT)
                    .append("\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).as(text).startsWith("HTTP/1.1 302");
            return text.lines()
                    .filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
                    .map(line -> line.substring(9).strip())
                    .findFirst()
                    .orElseThrow();
        }
    }
}
