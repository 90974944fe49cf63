package io.jwtbridge.app;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How the Authorization Server checks the client secrets that apps (and the admin client) hold. */
@Configuration(proxyBeanMethods = false)
class ClientSecretsConfiguration {

    /**
     * bcrypt for chosen secrets (the default), SHA-256 for the 256-bit secrets the bridge generates;
     * a SHA-256 hash is never "upgraded" to bcrypt (which the Authorization Server otherwise does at
     * the first token request, making every later one ~100 ms slower).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return GeneratedSecretEncoder.keptBy(new DelegatingPasswordEncoder(
                "bcrypt",
                Map.of(
                        "bcrypt",
                        new BCryptPasswordEncoder(),
                        GeneratedSecretEncoder.ID,
                        new GeneratedSecretEncoder())));
    }
}
