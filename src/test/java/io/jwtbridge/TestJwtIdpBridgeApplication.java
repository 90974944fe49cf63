package io.jwtbridge;

import io.jwtbridge.demo.DemoConfiguration;
import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the bridge on the automatically chosen PostgreSQL
 * ({@link TestDatabase}) with the {@code demo} profile (a demo master key and admin client) and the
 * demo WAF and app of {@link DemoConfiguration}: the console prints the one URL to open.
 */
public class TestJwtIdpBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.from(JwtIdpBridgeApplication::main)
                .with(TestDatabaseConfiguration.class, DemoConfiguration.class)
                .withAdditionalProfiles("demo")
                .run(args);
    }
}
