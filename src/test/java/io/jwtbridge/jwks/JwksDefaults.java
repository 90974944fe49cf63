package io.jwtbridge.jwks;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The key cache's settings as an empty configuration binds them: its {@code @DefaultValue}s. */
final class JwksDefaults {

    private JwksDefaults() {}

    static JwksProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("jwtbridge.jwks", JwksProperties.class);
    }
}
