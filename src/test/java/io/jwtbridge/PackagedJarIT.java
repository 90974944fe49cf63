package io.jwtbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.testsupport.Ports;
import io.jwtbridge.testsupport.TestHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as an operator starts it: {@code java -jar} with the database, admin client
 * and master key on the command line; then the seed's exact request.
 */
class PackagedJarIT {

    static final String SECRET = "jar-admin-secret-" + UUID.randomUUID();
    static final String MASTER_KEY = "test-master-key-3f9c1d0e8b7a6c5d4e3f2a1b0c9d8e7f";

    Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void jarStartsFromTheCommandLineAndServesTheSeedRequest() throws Exception {
        Path jar = Paths.get(System.getProperty("bridge.jar", "target/jwt-idp-bridge-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).exists();
        TestDatabase.Connection db = TestDatabase.connection();
        int port = Ports.free();
        String clientId = "jar-admin-" + UUID.randomUUID();
        Path log = Paths.get("target", "packaged-jar-it.log");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(
                        java,
                        "-jar",
                        jar.toString(),
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--server.port=" + port,
                        "--jwtbridge.admin.client-id=" + clientId,
                        "--jwtbridge.admin.client-secret=" + SECRET,
                        "--jwtbridge.master-key=" + MASTER_KEY))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        TestHttp http = new TestHttp("http://localhost:" + port);
        Instant started = Instant.now();
        awaitHealthy(http, log);
        System.out.println("Packaged jar healthy after "
                + Duration.between(started, Instant.now()).toMillis() + " ms");

        TestHttp.Response token = http.tokenRequest(clientId, SECRET, "grant_type=client_credentials&scope=admin");
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String accessToken = token.json().get("access_token").asString();
        String seed = """
                {"name":"google","stylingType":"STYLING_TYPE_UNSPECIFIED","jwtEndpoint":"https://custom.com/auth/jwt",\
                "issuer":"https://accounts.custom.com","keysEndpoint":"https://accounts.custom.com/keys",\
                "headerName":"x-auth-token","autoRegister":true}""";
        TestHttp.Response created = http.post("/admin/v1/idps/jwt", seed, accessToken);
        if (created.status() == 409) {
            // The shared test database already holds "google" (an earlier run on TEST_JDBC_URL):
            // the seed body under a fresh name instead.
            created = http.post(
                    "/admin/v1/idps/jwt",
                    seed.replace("\"google\"", "\"google-" + UUID.randomUUID() + "\""),
                    accessToken);
        }
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("idpId").asString()).isNotBlank();
        assertThat(created.json().get("details").get("sequence").asString()).isNotBlank();
        String id = created.json().get("idpId").asString();
        assertThat(http.get("/admin/v1/idps/" + id, accessToken)
                        .json()
                        .get("idp")
                        .get("jwtConfig")
                        .get("headerName")
                        .asString())
                .isEqualTo("x-auth-token");

        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).contains("Started JwtIdpBridgeApplication");
        assertThat(output).doesNotContain(SECRET).doesNotContain(MASTER_KEY).doesNotContain(accessToken);
    }

    static void awaitHealthy(TestHttp http, Path log) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.get("/actuator/health", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The jar did not become healthy; its log:\n" + Files.readString(log));
    }
}
