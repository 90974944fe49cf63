package io.jwtbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.TestDatabaseConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the full-stack tests: one bridge (one Spring context, shared by every subclass) on the
 * test run's PostgreSQL, reached over real HTTP. The port is chosen before start so the issuer is
 * known.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TestDatabaseConfiguration.class)
@ActiveProfiles("test")
public abstract class IntegrationTests {

    protected static final int PORT = Ports.free();
    protected static final String BASE = "http://localhost:" + PORT;
    public static final String ADMIN_CLIENT_ID = "test-admin";
    public static final String ADMIN_CLIENT_SECRET = "test-admin-secret-71c2d9e4";

    protected final TestHttp http = new TestHttp(BASE);

    private static String adminToken;

    @DynamicPropertySource
    public static void bridgeProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("jwtbridge.issuer", () -> BASE);
    }

    /** A client_credentials token with scope {@code admin}, cached for the run. */
    protected synchronized String adminToken() {
        if (adminToken == null) {
            adminToken = clientCredentialsToken(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, "admin");
        }
        return adminToken;
    }

    protected String clientCredentialsToken(String clientId, String secret, String scope) {
        TestHttp.Response response =
                http.tokenRequest(clientId, secret, "grant_type=client_credentials&scope=" + TestHttp.urlEncode(scope));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode token = response.json();
        return token.get("access_token").asString();
    }
}
