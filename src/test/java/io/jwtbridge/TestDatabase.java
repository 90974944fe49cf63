package io.jwtbridge;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL of a test run (docs: README, 'The two commands'), chosen once per JVM: {@code TEST_JDBC_URL} (with
 * {@code TEST_JDBC_USER} and {@code TEST_JDBC_PASSWORD}) when set, else a Testcontainers
 * PostgreSQL when a Docker engine answers, else an embedded PostgreSQL (zonky).
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);

    private static Connection connection;

    private TestDatabase() {}

    /** Where to connect. */
    public record Connection(String url, String username, String password, String kind) {}

    public static synchronized Connection connection() {
        if (connection == null) {
            connection = start();
            log.info("Test database: {} at {}", connection.kind(), connection.url());
        }
        return connection;
    }

    private static Connection start() {
        String url = System.getenv("TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new Connection(
                    url, envOr("TEST_JDBC_USER", "postgres"), envOr("TEST_JDBC_PASSWORD", ""), "TEST_JDBC_URL");
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Connection(
                    container.getJdbcUrl(),
                    container.getUsername(),
                    container.getPassword(),
                    "Testcontainers PostgreSQL");
        }
        try {
            // Its default 10 s wait for the server is short for a machine that has just booted.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ex) {
                    // the JVM is ending anyway
                }
            }));
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL");
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", ex);
        }
    }

    private static boolean dockerAnswers() {
        String home = System.getProperty("user.home");
        boolean configured = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"));
        if (!configured) {
            // No engine in sight: skip Testcontainers' probe (and its alarming ERROR log).
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable ex) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
