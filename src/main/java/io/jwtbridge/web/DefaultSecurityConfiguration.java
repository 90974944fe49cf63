package io.jwtbridge.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything no other chain claims: the OpenAPI document and Swagger UI, error pages. Nothing here
 * needs a login or a session.
 */
@Configuration(proxyBeanMethods = false)
class DefaultSecurityConfiguration {

    @Bean
    @Order(100)
    SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * No observation of every security filter, authentication and authorization: on a login's
     * requests that decoration cost about 7 % of the CPU. Requests are still measured
     * ({@code http.server.requests}), and the bridge's own metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
