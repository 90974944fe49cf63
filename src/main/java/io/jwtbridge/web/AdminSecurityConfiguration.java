package io.jwtbridge.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API chain ({@code /admin}, and ZITADEL's {@code /management} and {@code /v2} spellings
 * of the same calls): bearer tokens of this bridge carrying scope {@code admin} (or ZITADEL's API
 * scope) that are still stored and active (a revoked one is refused at once), no session,
 * problem-details bodies for 401 and 403. Also guards actuator: only
 * health is public.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    private static final String[] ADMIN_AUTHORITIES = {"SCOPE_" + AdminScopes.ADMIN, "SCOPE_" + AdminScopes.ZITADEL_API
    };

    @Bean
    @Order(2)
    SecurityFilterChain adminSecurityFilterChain(HttpSecurity http, JsonMapper json, AdminTokens adminTokens)
            throws Exception {
        AuthenticationEntryPoint entryPoint = unauthenticated(json);
        AccessDeniedHandler accessDenied = forbidden(json);
        http.securityMatcher("/admin/**", "/management/**", "/v2/**", "/actuator/**")
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasAnyAuthority(ADMIN_AUTHORITIES))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.authenticationManager(adminTokens::authenticate))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    private static AuthenticationEntryPoint unauthenticated(JsonMapper json) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, ex) -> {
            bearer.commence(request, response, ex);
            write(
                    json,
                    response,
                    ApiProblems.of(
                            ErrorCode.UNAUTHENTICATED, "AUTH-Unauthenticated", "a valid bearer token is required"));
        };
    }

    private static AccessDeniedHandler forbidden(JsonMapper json) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, ex) -> {
            bearer.handle(request, response, ex);
            write(
                    json,
                    response,
                    ApiProblems.of(
                            ErrorCode.PERMISSION_DENIED,
                            "AUTH-Forbidden",
                            "the token does not carry scope " + AdminScopes.ADMIN));
        };
    }

    private static void write(JsonMapper json, HttpServletResponse response, ProblemDetail error) throws IOException {
        response.setStatus(error.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), error);
    }
}
