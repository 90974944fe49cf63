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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image's entrypoint ({@code docker/entrypoint.sh}) as the image runs it, without
 * Docker: the packaged jar extracted as the Dockerfile extracts it, on JDK 25. The first start
 * trains the AOT cache and the bridge then runs with it; a restart uses the cache at once.
 */
class DockerEntrypointIT {

    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            // A training JVM is a child of the script until the script execs the bridge.
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void theFirstStartTrainsTheAotCacheAndEveryStartUsesIt() throws Exception {
        Optional<Path> java = java25();
        Assumptions.assumeTrue(java.isPresent(), "no JDK 25 or later here (the JDK 25 build runs this test)");
        Path jar = Paths.get(System.getProperty("bridge.jar", "target/jwt-idp-bridge-0.1.0-SNAPSHOT.jar"));
        Path app = dir.resolve("app");
        Files.createDirectories(app);
        // As the Dockerfile does: the jar as app.jar, extracted next to its libraries.
        Files.copy(jar, dir.resolve("app.jar"));
        Process extract = new ProcessBuilder(
                        java.get().toString(),
                        "-Djarmode=tools",
                        "-jar",
                        dir.resolve("app.jar").toString(),
                        "extract",
                        "--destination",
                        app.toString())
                .inheritIO()
                .start();
        assertThat(extract.waitFor()).isZero();

        Path first = dir.resolve("first.log");
        long firstMillis = start(java.get(), app, first);
        List<Path> caches = caches(app.resolve("aot"));
        assertThat(caches).as("one AOT cache, named by jar and JDK").hasSize(1);
        String firstLog = Files.readString(first, StandardCharsets.UTF_8);
        assertThat(firstLog).contains("training the AOT cache").doesNotContain("training failed");
        assertThat(commandLine(processes.get(0))).contains("-XX:AOTCache=" + caches.get(0));
        stop();
        processes.clear();

        Path second = dir.resolve("second.log");
        long secondMillis = start(java.get(), app, second);
        String secondLog = Files.readString(second, StandardCharsets.UTF_8);
        assertThat(secondLog).doesNotContain("training");
        // The JVM reports a cache it cannot use (e.g. "shared class paths mismatch") as an AOT
        // error and starts without it. (The training run's warnings are about classes it skips.)
        assertThat(secondLog).doesNotContainPattern("\\[error *\\]\\[aot").doesNotContain("Unable to map");
        assertThat(commandLine(processes.get(0))).contains("-XX:AOTCache=" + caches.get(0));
        assertThat(caches(app.resolve("aot"))).isEqualTo(caches);
        System.out.printf(
                "Docker entrypoint on JDK 25: first start (training, then the bridge) healthy after %d ms;"
                        + " restart with the AOT cache healthy after %d ms%n",
                firstMillis, secondMillis);
    }

    /** Starts the entrypoint as the image does; the time until the bridge is healthy. */
    private long start(Path java, Path app, Path log) throws IOException, InterruptedException {
        TestDatabase.Connection db = TestDatabase.connection();
        int port = Ports.free();
        ProcessBuilder builder = new ProcessBuilder(
                        "sh",
                        Paths.get("docker/entrypoint.sh").toAbsolutePath().toString(),
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--server.port=" + port,
                        "--jwtbridge.admin.client-id=entrypoint-admin",
                        "--jwtbridge.admin.client-secret=entrypoint-secret-" + UUID.randomUUID(),
                        "--jwtbridge.master-key=" + PackagedJarIT.MASTER_KEY)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA", java.toString());
        env.put("JWTBRIDGE_APP_DIR", app.toString());
        env.put("JAVA_OPTS", "-Xmx256m");
        Instant started = Instant.now();
        processes.add(builder.start());
        PackagedJarIT.awaitHealthy(new TestHttp("http://localhost:" + port), log);
        return Duration.between(started, Instant.now()).toMillis();
    }

    private static List<Path> caches(Path aot) throws IOException {
        try (Stream<Path> files = Files.list(aot)) {
            return files.filter(file -> file.getFileName().toString().matches("bridge-[0-9a-f]{16}\\.aot"))
                    .toList();
        }
    }

    /** The command line of the JVM the entrypoint became ({@code exec}: the same process). */
    private static String commandLine(Process process) throws IOException {
        return new String(
                        Files.readAllBytes(Paths.get("/proc", Long.toString(process.pid()), "cmdline")),
                        StandardCharsets.UTF_8)
                .replace('\0', ' ');
    }

    /** This JVM when it is 25 or later, else a JDK 25 installed beside it (JAVA25_HOME or the JVM folder). */
    static Optional<Path> java25() throws IOException {
        if (Runtime.version().feature() >= 25) {
            return Optional.of(Paths.get(System.getProperty("java.home"), "bin", "java"));
        }
        String home = System.getenv("JAVA25_HOME");
        if (home != null && Files.isExecutable(Paths.get(home, "bin", "java"))) {
            return Optional.of(Paths.get(home, "bin", "java"));
        }
        Path jvms = Paths.get(System.getProperty("java.home")).getParent();
        if (jvms == null || !Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(candidate -> candidate.getFileName().toString().matches(".*-(2[5-9]|[3-9][0-9])(-.*)?"))
                    .map(candidate -> candidate.resolve("bin").resolve("java"))
                    .filter(Files::isExecutable)
                    .sorted()
                    .findFirst();
        }
    }
}
