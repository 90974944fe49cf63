package io.jwtbridge;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The JWT IdP bridge: an OpenID Connect provider that logs users in with the JWT a WAF or gateway
 * already holds for them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class JwtIdpBridgeApplication {

    /** The one clock of the bridge (tests replace it). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(JwtIdpBridgeApplication.class, args);
    }
}
