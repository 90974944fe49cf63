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

/** Every property an {@code application*.yml} sets is explained in {@code docs/configuration.md}. */
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
