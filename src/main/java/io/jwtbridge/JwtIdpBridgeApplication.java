package io.jwtbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The JWT IdP bridge: an OpenID Connect provider that logs users in with the JWT a WAF or gateway
 * already holds for them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class JwtIdpBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(JwtIdpBridgeApplication.class, args);
    }
}
