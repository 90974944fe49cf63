package io.jwtbridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yaml} checked without a Docker engine: its services, ports, mounted files,
 * that every environment variable it gives the bridge is a property the bridge has, every
 * placeholder of the nginx template is given to the WAF, every variable given to a node service is
 * one its scripts read, and the demo app's settings agree with the other services'. The stack
 * itself runs, from the same files, in {@code ComposeStackTests}.
 */
class ComposeFileTests {

    static final Path DOCKER = Path.of("docker");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(DOCKER.resolve("compose.yaml"))) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(String name) throws IOException {
        return (Map<String, Object>) service(name).get("environment");
    }

    /** Spring's relaxed binding, reduced: lower case without separators. */
    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._\\-]", "");
    }

    @Test
    void composeHoldsTheDatabaseTheBridgeTheWafTheExistingAppAndTheDemoApp() throws IOException {
        Map<String, Object> compose = compose();
        assertThat((Map<String, Object>) compose.get("services"))
                .containsOnlyKeys("postgres", "bridge", "waf", "existing-app", "demo-app");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("pgdata");
        assertThat((List<String>) service("postgres").get("volumes")).anyMatch(v -> v.startsWith("pgdata:"));
        assertThat((List<String>) service("bridge").get("ports")).contains("8080:8080");
        assertThat((Map<String, Object>) service("bridge").get("build"))
                .containsEntry("dockerfile", "docker/Dockerfile");
        assertThat(Files.exists(DOCKER.resolve("Dockerfile"))).isTrue();
    }

    @Test
    void theBridgeKeepsItsAotCacheInAVolumeWhereTheImagesEntrypointWritesIt() throws IOException {
        assertThat((Map<String, Object>) compose().get("volumes")).containsKey("bridge-aot");
        assertThat((List<String>) service("bridge").get("volumes")).contains("bridge-aot:/app/aot");
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile)
                .contains("VOLUME /app/aot")
                .contains("chown 10001:10001 /app/aot")
                .contains("COPY --chown=root:root --chmod=755 docker/entrypoint.sh /app/entrypoint.sh")
                .contains("ENTRYPOINT [\"/app/entrypoint.sh\"]");
        assertThat(Files.readString(DOCKER.resolve("entrypoint.sh"))).contains("${JWTBRIDGE_AOT_DIR:-$app_dir/aot}");
    }

    @Test
    void everyBridgeVariableIsAPropertyOfTheBridge() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        Set<String> properties = new LinkedHashSet<>();
        Matcher property = Pattern.compile("`((?:jwtbridge|spring|server|management)\\.[a-z0-9.\\-]+)`")
                .matcher(docs);
        while (property.find()) {
            properties.add(canonical(property.group(1)));
        }
        assertThat(properties).contains(canonical("jwtbridge.master-key"), canonical("spring.datasource.url"));

        for (String variable : environment("bridge").keySet()) {
            assertThat(properties)
                    .as(variable + " must bind to a documented property")
                    .contains(canonical(variable));
        }
        assertThat(environment("bridge"))
                .containsKeys("SPRING_DATASOURCE_URL", "JWTBRIDGE_ISSUER", "JWTBRIDGE_MASTER_KEY");
    }

    @Test
    void theWafGetsEveryPlaceholderOfTheNginxTemplateAndMountsIt() throws IOException {
        String template = Files.readString(DOCKER.resolve("nginx/waf.conf.template"));
        Set<String> placeholders = new LinkedHashSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(template);
        while (placeholder.find()) {
            placeholders.add(placeholder.group(1));
        }
        assertThat(placeholders).contains("WAF_PORT", "BRIDGE_URL", "JWT_HEADER");
        assertThat(environment("waf").keySet()).containsAll(placeholders);

        for (String service : List.of("waf", "existing-app", "demo-app")) {
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) service(service).get("volumes");
            for (String volume : volumes) {
                String source = volume.split(":")[0];
                assertThat(DOCKER.resolve(source))
                        .as(service + " mounts " + source)
                        .exists();
            }
        }
        String wafPort = environment("waf").get("WAF_PORT").toString();
        @SuppressWarnings("unchecked")
        List<String> ports = (List<String>) service("waf").get("ports");
        assertThat(ports).anyMatch(port -> port.endsWith(":" + wafPort));
    }

    @Test
    void theNodeServicesRunTheirMountedScriptAndGetOnlyVariablesTheScriptsRead() throws IOException {
        for (String service : List.of("existing-app", "demo-app")) {
            assertThat(service(service)).containsEntry("image", "node:22-alpine");
            assertThat((List<String>) service(service).get("command")).containsExactly("node", "/app/server.mjs");
            assertThat((List<String>) service(service).get("volumes"))
                    .anyMatch(volume -> volume.equals("./" + service + "/server.mjs:/app/server.mjs:ro")
                            || volume.equals("./" + service + ":/app:ro"));

            Set<String> read = new LinkedHashSet<>();
            try (var scripts = Files.list(DOCKER.resolve(service))) {
                for (Path script :
                        scripts.filter(p -> p.toString().endsWith(".mjs")).toList()) {
                    Matcher variable = Pattern.compile("\\benv\\.([A-Z_]+)").matcher(Files.readString(script));
                    while (variable.find()) {
                        read.add(variable.group(1));
                    }
                }
            }
            assertThat(read).as(service).contains("PORT");
            assertThat(read)
                    .as(service + " reads every variable compose gives it")
                    .containsAll(environment(service).keySet());
        }
    }

    @Test
    void theDemoAppAgreesWithTheBridgeTheWafAndTheExistingApp() throws IOException {
        Map<String, Object> demo = environment("demo-app");
        Map<String, Object> bridge = environment("bridge");
        Map<String, Object> waf = environment("waf");
        Map<String, Object> existing = environment("existing-app");

        // The browser's URLs: the demo app on its published port, the bridge's issuer, the WAF's
        // JWT endpoint on its published port.
        String port = demo.get("PORT").toString();
        assertThat((List<String>) service("demo-app").get("ports")).contains(port + ":" + port);
        assertThat(demo).containsEntry("DEMO_APP_URL", "http://localhost:" + port);
        assertThat(existing).containsEntry("DEMO_APP_URL", demo.get("DEMO_APP_URL"));
        assertThat(demo).containsEntry("BRIDGE_ISSUER", bridge.get("JWTBRIDGE_ISSUER"));
        assertThat((List<String>) service("waf").get("ports")).contains("8000:" + waf.get("WAF_PORT"));
        assertThat(demo).containsEntry("IDP_JWT_ENDPOINT", "http://localhost:8000/auth/jwt");
        assertThat(Files.readString(DOCKER.resolve("nginx/waf.conf.template"))).contains("location = /auth/jwt ");

        // The containers' URLs: the bridge as the WAF reaches it, the existing app's keys.
        assertThat(demo).containsEntry("BRIDGE_URL", waf.get("BRIDGE_URL"));
        assertThat(demo).containsEntry("IDP_KEYS_ENDPOINT", "http://existing-app:" + existing.get("PORT") + "/keys");
        assertThat(waf).containsEntry("EXISTING_APP_URL", "http://existing-app:" + existing.get("PORT"));

        // The JWT IdP is the existing app's, behind this WAF; the admin client is the bridge's.
        assertThat(demo).containsEntry("IDP_ISSUER", existing.get("EXISTING_APP_ISSUER"));
        assertThat(demo).containsEntry("IDP_HEADER_NAME", waf.get("JWT_HEADER"));
        assertThat(demo).containsEntry("BRIDGE_ADMIN_CLIENT_ID", bridge.get("JWTBRIDGE_ADMIN_CLIENT_ID"));
        assertThat(demo).containsEntry("BRIDGE_ADMIN_CLIENT_SECRET", bridge.get("JWTBRIDGE_ADMIN_CLIENT_SECRET"));

        // Healthy once set up at the bridge, which it needs up first.
        assertThat(service("demo-app").get("healthcheck").toString()).contains("http://127.0.0.1:" + port + "/health");
        assertThat((Map<String, Object>) service("demo-app").get("depends_on")).containsKey("bridge");
    }
}
