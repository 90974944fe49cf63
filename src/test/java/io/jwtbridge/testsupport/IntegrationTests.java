package io.jwtbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.TestDatabaseConfiguration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
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

    @Autowired
    private RegisteredClientRepository registeredClients;

    @Autowired
    private PasswordEncoder clientSecrets;

    /** A token the bridge issued and stored, of a new client without scope {@code admin}. */
    protected String storedTokenWithoutAdminScope() {
        String clientId = "reader-" + UUID.randomUUID();
        registeredClients.save(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret(clientSecrets.encode("reader-secret"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("read")
                .build());
        return clientCredentialsToken(clientId, "reader-secret", "read");
    }

    protected String clientCredentialsToken(String clientId, String secret, String scope) {
        TestHttp.Response response =
                http.tokenRequest(clientId, secret, "grant_type=client_credentials&scope=" + TestHttp.urlEncode(scope));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode token = response.json();
        return token.get("access_token").asString();
    }
}
