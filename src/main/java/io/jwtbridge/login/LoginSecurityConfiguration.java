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
 * no login) and the callback. Each checks what it needs itself (flow id, header, binding cookie,
 * handle); nothing here needs a prior login. A path that percent-encodes what needs no encoding is
 * refused first ({@link CanonicalPathFilter}).
 */
@Configuration(proxyBeanMethods = false)
class LoginSecurityConfiguration {

    @Bean
    @Order(3)
    SecurityFilterChain loginSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/ui/login/**")
                .addFilterBefore(new CanonicalPathFilter(), DisableEncodeUrlFilter.class)
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
