package io.jwtbridge.login;

import io.jwtbridge.BridgeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The cookie of the browser's session at the bridge (Spring Session), set when a login signs the
 * browser in. Like the binding cookie it is HttpOnly and SameSite=Lax, and whenever the issuer is
 * https it is {@code __Host-SESSION} and always Secure: a sibling subdomain cannot plant or
 * overwrite a {@code __Host-} cookie (no {@code Domain}, path {@code /}, Secure), and it is never
 * sent over plain http, also when TLS ends at a proxy that does not say so.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

    static final String SECURE_NAME = "__Host-SESSION";
    static final String PLAIN_NAME = "SESSION";

    @Bean
    CookieSerializer sessionCookieSerializer(BridgeProperties properties) {
        boolean https = "https".equalsIgnoreCase(properties.issuer().getScheme());
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName(https ? SECURE_NAME : PLAIN_NAME);
        cookies.setCookiePath("/");
        cookies.setUseHttpOnlyCookie(true);
        cookies.setSameSite("Lax");
        if (https) {
            cookies.setUseSecureCookie(true);
        }
        return cookies;
    }
}
