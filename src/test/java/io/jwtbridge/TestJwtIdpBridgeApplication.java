package io.jwtbridge;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the bridge on the automatically chosen PostgreSQL
 * ({@link TestDatabase}) with the {@code demo} profile (a demo master key and admin client).
 */
public class TestJwtIdpBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.from(JwtIdpBridgeApplication::main)
                .with(TestDatabaseConfiguration.class)
                .withAdditionalProfiles("demo")
                .run(args);
    }
}
