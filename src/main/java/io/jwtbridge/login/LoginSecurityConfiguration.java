package io.jwtbridge.login;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * The login chain: the login page, the JWT handler the WAF calls (it carries no bridge cookie and
 * no login) at ZITADEL's login v1 and v2 paths, the callback and the account confirmation form.
 * Each checks what it needs itself (flow id, header, binding cookie, handle); nothing here needs a
 * prior login. A path that percent-encodes what needs no encoding is refused first
 * ({@link CanonicalPathFilter}).
 */
@Configuration(proxyBeanMethods = false)
class LoginSecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain loginSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/ui/login/**", JwtLogin.LOGIN_V2_PATH)
                .addFilterBefore(new CanonicalPathFilter(), DisableEncodeUrlFilter.class)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                // The confirmation form is protected by the flow itself: the binding cookie
                // (SameSite=Lax, so never sent with a cross-site POST) and the flow's one-time
                // handle, which only this browser has seen. No CSRF token, so no session before login.
                .csrf(csrf -> csrf.ignoringRequestMatchers(RegistrationConfirmationController.PATH))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
