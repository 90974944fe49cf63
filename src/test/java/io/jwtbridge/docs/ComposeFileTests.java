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
 * and that every environment variable it gives the bridge is a property the bridge has, and every
 * placeholder of the nginx template is given to the WAF.
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
    void composeHoldsTheDatabaseTheBridgeTheWafAndTheExistingApp() throws IOException {
        Map<String, Object> compose = compose();
        assertThat((Map<String, Object>) compose.get("services"))
                .containsOnlyKeys("postgres", "bridge", "waf", "existing-app");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("pgdata");
        assertThat((List<String>) service("postgres").get("volumes")).anyMatch(v -> v.startsWith("pgdata:"));
        assertThat((List<String>) service("bridge").get("ports")).contains("8080:8080");
        assertThat((Map<String, Object>) service("bridge").get("build"))
                .containsEntry("dockerfile", "docker/Dockerfile");
        assertThat(Files.exists(DOCKER.resolve("Dockerfile"))).isTrue();
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

        for (String service : List.of("waf", "existing-app")) {
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
}
