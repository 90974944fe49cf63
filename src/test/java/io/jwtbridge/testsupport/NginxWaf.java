package io.jwtbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx running {@code docker/nginx/waf.conf.template} on a free local port, its
 * placeholders filled the way the official nginx image fills them from the compose file's
 * environment. Where nginx is not installed the test is skipped, except under {@code CI=true},
 * where that fails.
 */
public final class NginxWaf implements AutoCloseable {

    public static final String SESSION_COOKIE = "existing_session";
    public static final String HEADER = "x-custom-tkn";

    private final Process process;
    private final int port;

    private NginxWaf(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static String binary() {
        return RequiredProgram.find(
                        List.of(
                                "/usr/sbin/nginx",
                                "/usr/bin/nginx",
                                "/usr/local/sbin/nginx",
                                "/usr/local/bin/nginx",
                                "/opt/homebrew/bin/nginx"),
                        "Debian: apt-get install nginx-light",
                        "the nginx WAF test")
                .toString();
    }

    /** Starts nginx in front of the existing application and the bridge, both as nginx reaches them. */
    public static NginxWaf start(String bridgeUrl, String existingAppUrl) throws Exception {
        String binary = binary();
        int port = Ports.free();
        // Under target/, so that a clean build removes it.
        Path prefix = Files.createTempDirectory(Files.createDirectories(Path.of("target/tmp")), "nginx-waf")
                .toAbsolutePath();
        String server = Files.readString(Path.of("docker/nginx/waf.conf.template"))
                .replace("${WAF_PORT}", "127.0.0.1:" + port)
                .replace("${BRIDGE_URL}", bridgeUrl)
                .replace("${EXISTING_APP_URL}", existingAppUrl)
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
        Process nginx = new ProcessBuilder(
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
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return new NginxWaf(nginx, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        nginx.destroyForcibly();
        throw new AssertionError("nginx did not start: " + Files.readString(prefix.resolve("logs/error.log")));
    }

    /** The WAF as the browser reaches it. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
