package io.jwtbridge.login;

import io.jwtbridge.BridgeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cookie of the browser's session at the bridge (Spring Session), set when a login signs the
 * browser in. Like the binding cookie it is HttpOnly and SameSite=Lax, and whenever the issuer is
 * https it is {@code __Host-SESSION} and always Secure: a sibling subdomain cannot plant or
 * overwrite a {@code __Host-} cookie (no {@code Domain}, path {@code /}, Secure), and it is never
 * sent over plain http, also when TLS ends at a proxy that does not say so.
 *
 * <p>The session is saved in the transaction that is open, if any (Spring Session starts a new one
 * by default): the login callback's, which also finishes the flow and stores the code, so the
 * three commit as one (docs/performance.md#database-work-per-login) and a callback never holds two
 * pooled connections at once.
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

    /**
     * Spring Session's transactions ({@code REQUIRES_NEW} by default) as the application's: join the
     * open one. (Being a {@code TransactionOperations}, it is also the application's
     * {@link TransactionTemplate}: Boot's own default backs off, and this one is that default.)
     */
    @Bean
    TransactionTemplate springSessionTransactionOperations(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }
}
