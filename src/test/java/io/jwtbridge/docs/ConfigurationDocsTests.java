package io.jwtbridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every property the bridge reads (Boot's generated configuration metadata of its
 * {@code @ConfigurationProperties}) and every property an {@code application*.yml} sets is explained
 * in {@code docs/configuration.md}, under its name and its environment variable.
 */
class ConfigurationDocsTests {

    static List<String> keys(Object node, String prefix) {
        List<String> keys = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) -> keys.addAll(keys(value, prefix.isEmpty() ? key.toString() : prefix + "." + key)));
        } else {
            keys.add(prefix);
        }
        return keys;
    }

    @Test
    void everyPropertyOfTheBridgesConfigurationPropertiesIsDocumentedWithItsEnvironmentVariable() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in)
                    .as("Boot's configuration metadata (spring-boot-configuration-processor)")
                    .isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties")
                .forEach(property -> names.add(property.get("name").asString()));
        assertThat(names).contains("jwtbridge.issuer", "jwtbridge.jwks.cache-ttl");
        List<String> missing = names.stream()
                .filter(name -> !docs.contains("`" + name + "`")
                        || !(docs.contains(environmentVariable(name, "_"))
                                || docs.contains(environmentVariable(name, ""))))
                .toList();
        assertThat(missing).as("properties missing from docs/configuration.md").isEmpty();
    }

    /**
     * Spring's relaxed binding: {@code jwtbridge.jwks.cache-ttl} is {@code JWTBRIDGE_JWKS_CACHETTL}, and
     * {@code JWTBRIDGE_JWKS_CACHE_TTL} binds too.
     */
    static String environmentVariable(String name, String dash) {
        return name.replace("-", dash).replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    @Test
    void everyPropertyOfTheApplicationFilesIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/configuration.md"));
        List<Path> files;
        try (Stream<Path> main = Files.list(Path.of("src/main/resources"));
                Stream<Path> test = Files.list(Path.of("src/test/resources"))) {
            files = Stream.concat(main, test)
                    .filter(file -> file.getFileName().toString().matches("application.*\\.ya?ml"))
                    .toList();
        }
        assertThat(files).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (Object document : new Yaml().loadAll(in)) {
                    for (String key : keys(document, "")) {
                        if (!docs.contains(key)) {
                            missing.add(file.getFileName() + ": " + key);
                        }
                    }
                }
            }
        }
        assertThat(missing).as("properties missing from docs/configuration.md").isEmpty();
    }
}
