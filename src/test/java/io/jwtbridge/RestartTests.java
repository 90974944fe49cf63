package io.jwtbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jwtbridge.testsupport.Ports;
import io.jwtbridge.testsupport.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The bridge as an operator runs it: started from its main class with only command-line arguments,
 * restarted, and twice on one database.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartTests {

    static final String MASTER_KEY = "test-master-key-3f9c1d0e8b7a6c5d4e3f2a1b0c9d8e7f";
    static final String ADMIN_ID = "test-admin";
    static final String ADMIN_SECRET = "test-admin-secret-71c2d9e4";

    record Instance(ConfigurableApplicationContext context, TestHttp http) implements AutoCloseable {

        String adminToken() {
            TestHttp.Response response =
                    http.tokenRequest(ADMIN_ID, ADMIN_SECRET, "grant_type=client_credentials&scope=admin");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            return response.json().get("access_token").asString();
        }

        Set<String> kids() {
            JsonNode keys = http.get("/oauth/v2/keys", null).json().get("keys");
            Set<String> kids = new java.util.TreeSet<>();
            keys.forEach(key -> kids.add(key.get("kid").asString()));
            return kids;
        }

        @Override
        public void close() {
            context.close();
        }
    }

    static Instance start(String... extraArgs) {
        int port = Ports.free();
        TestDatabase.Connection db = TestDatabase.connection();
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--server.port=" + port,
                // One public issuer for every instance, as behind a load balancer.
                "--jwtbridge.issuer=https://bridge.restart.test",
                "--jwtbridge.admin.client-id=" + ADMIN_ID,
                "--jwtbridge.admin.client-secret=" + ADMIN_SECRET,
                "--logging.level.io.jwtbridge=debug",
                "--logging.level.org.springframework.security=debug"));
        args.addAll(List.of(extraArgs));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(JwtIdpBridgeApplication.class).run(args.toArray(String[]::new));
        return new Instance(context, new TestHttp("http://localhost:" + port));
    }

    @Test
    void idpsEventsAndSigningKeysSurviveARestartAndAreSharedByTwoInstances(CapturedOutput output) {
        String name = "restart-" + UUID.randomUUID();
        String idpId;
        String token;
        Set<String> kids;
        String eventsBefore;
        try (Instance first = start("--jwtbridge.master-key=" + MASTER_KEY)) {
            token = first.adminToken();
            TestHttp.Response created = first.http().post("/admin/v1/idps/jwt", """
                    {"name":"%s","stylingType":"STYLING_TYPE_UNSPECIFIED","jwtEndpoint":"https://custom.com/auth/jwt",\
                    "issuer":"https://accounts.custom.com","keysEndpoint":"https://accounts.custom.com/keys",\
                    "headerName":"x-auth-token","autoRegister":true}""".formatted(name), token);
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            idpId = created.json().get("idpId").asString();
            kids = first.kids();
            eventsBefore = events(first, token, idpId);

            String loopbackKeys = """
                    {"name":"%s","jwtEndpoint":"http://localhost:8081/jwt","issuer":"https://issuer.local",\
                    "keysEndpoint":"http://127.0.0.1:8082/keys"}""";
            assertThat(first.http()
                            .post("/admin/v1/idps/jwt", loopbackKeys.formatted(name + "-private"), token)
                            .status())
                    .as("by default the bridge refuses to fetch keys from http or loopback")
                    .isEqualTo(400);

            try (Instance second = start(
                    "--jwtbridge.master-key=" + MASTER_KEY,
                    "--jwtbridge.outbound.allow-private-networks=true",
                    "--jwtbridge.outbound.allow-http=true")) {
                assertThat(second.kids()).isEqualTo(kids);
                String secondToken = second.adminToken();
                assertThat(second.http()
                                .post("/admin/v1/idps/jwt", loopbackKeys.formatted(name + "-private"), secondToken)
                                .status())
                        .as("the outbound properties allow it")
                        .isEqualTo(200);
                assertThat(second.http()
                                .get("/admin/v1/idps/" + idpId, secondToken)
                                .status())
                        .isEqualTo(200);
                assertThat(first.http()
                                .get("/admin/v1/idps/" + idpId, secondToken)
                                .status())
                        .as("a token of one instance is good at the other")
                        .isEqualTo(200);
            }
        }

        try (Instance restarted = start("--jwtbridge.master-key=" + MASTER_KEY)) {
            assertThat(restarted.kids()).isEqualTo(kids);
            String newToken = restarted.adminToken();
            JsonNode idp = restarted
                    .http()
                    .get("/admin/v1/idps/" + idpId, newToken)
                    .json()
                    .get("idp");
            assertThat(idp.get("name").asString()).isEqualTo(name);
            assertThat(idp.get("jwtConfig").get("headerName").asString()).isEqualTo("x-auth-token");
            assertThat(events(restarted, newToken, idpId)).isEqualTo(eventsBefore);
            assertThat(restarted.http().get("/admin/v1/idps/" + idpId, token).status())
                    .as("a token issued before the restart still verifies")
                    .isEqualTo(200);

            assertThat(output.getAll())
                    .doesNotContain(MASTER_KEY)
                    .doesNotContain(ADMIN_SECRET)
                    .doesNotContain(token)
                    .doesNotContain(newToken);
        }
    }

    /** The IdP's audit trail as the database holds it. */
    static String events(Instance instance, String token, String idpId) {
        return instance
                .context()
                .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select sequence || ':' || event_type || ':' || created_at from audit_event "
                        + "where aggregate_id = :id order by sequence")
                .param("id", idpId)
                .query(String.class)
                .list()
                .stream()
                .collect(Collectors.joining(","));
    }

    @Test
    void missingMasterKeyStopsStartUpWithAClearMessage(CapturedOutput output) {
        assertThatThrownBy(() -> start()).hasStackTraceContaining("jwtbridge.master-key is not set");
        assertThat(output.getAll()).contains("jwtbridge.master-key is not set");
    }

    @Test
    void wrongMasterKeyStopsStartUpWithAClearMessage(CapturedOutput output) {
        // Make sure the database holds a key sealed with the right master key first.
        try (Instance ignored = start("--jwtbridge.master-key=" + MASTER_KEY)) {
            assertThat(ignored.kids()).isNotEmpty();
        }
        assertThatThrownBy(() -> start("--jwtbridge.master-key=another-master-key-0123456789abcdef0123"))
                .hasStackTraceContaining("cannot be decrypted with jwtbridge.master-key");
        assertThat(output.getAll()).doesNotContain("another-master-key-0123456789abcdef0123");
    }
}
