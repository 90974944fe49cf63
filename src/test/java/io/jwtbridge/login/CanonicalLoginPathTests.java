package io.jwtbridge.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Browser;
import io.jwtbridge.testsupport.LoginIntegrationTests;
import io.jwtbridge.testsupport.SimulatedWaf;
import io.jwtbridge.testsupport.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A login path that percent-encodes what needs no encoding is a 400 and is not processed: a rule in
 * front of the bridge written on the raw path ({@code /ui/login/login/jwt/authorize}) must not be
 * passed by {@code /ui/login/login/jwt/%61uthorize}.
 */
class CanonicalLoginPathTests extends LoginIntegrationTests {

    static final String HEADER = "x-custom-tkn";

    SimulatedWaf waf;
    String idpId;
    App app;

    @BeforeEach
    void setUp() {
        waf = new SimulatedWaf(BASE, HEADER, user -> List.of(jwt(RSA_KEY, claims -> claims.subject(user))));
        idpId = createIdp(waf, HEADER, true);
        app = webApp();
    }

    @AfterEach
    void tearDown() {
        waf.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ui/login/login/jwt/%61uthorize",
                "/ui/login/login/jwt/%61%75thorize",
                "/ui/login/login/jwt/authoriz%65",
                "/ui/login/login/jwt/%41uthorize",
                "/ui/login/login/%6Awt/authorize",
                "/ui/%6Cogin/login/jwt/authorize",
                "/ui/login/login/jwt/authorize%7E",
                "/ui/login/login/jwt%2Fauthorize",
                "/ui/login/login/jwt%2fauthorize",
                "/ui/login/login/jwt/%2e/authorize",
                "/ui/login/login/jwt/%2E%2E/jwt/authorize"
            })
    void nonCanonicalJwtHandlerPathIsA400AndNotProcessed(String path) {
        String sub = "canonical-" + UUID.randomUUID();
        Browser browser = new Browser();
        browser.loggedInAtWaf(waf, sub);
        List<Browser.Hop> toWaf = browser.follow(authorize(app, idpScope(idpId)).url(), waf.jwtEndpoint());
        String query = URI.create(toWaf.get(toWaf.size() - 1).location()).getRawQuery();
        String jwt = jwt(RSA_KEY, claims -> claims.subject(sub));

        TestHttp.Response refused = http.send(HttpRequest.newBuilder(URI.create(BASE + path + "?" + query))
                .header(HEADER, jwt)
                .GET());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.header("Location")).isNull();
        // Not processed: the flow is still waiting for the WAF, and finishes normally.
        TestHttp.Response handled =
                http.send(HttpRequest.newBuilder(URI.create(BASE + "/ui/login/login/jwt/authorize?" + query))
                        .header(HEADER, jwt)
                        .GET());
        assertThat(handled.status()).isEqualTo(302);
        Map<String, String> answer = appRedirect(browser.follow(handled.header("Location"), REDIRECT_URI));
        assertThat(answer).containsKey("code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/login/login/jwt/authorize%3F", "/ui/login/login/jwt/authorize%20"})
    void encodedReservedOrOtherCharactersAreLeftToTheRoutes(String path) {
        TestHttp.Response response = http.get(path, null);

        assertThat(response.status()).isEqualTo(404);
    }
}
