package io.jwtbridge.demo;

import io.jwtbridge.BridgeProperties;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The newcomer's demo, only on the test classpath: a WAF in front of an "existing
 * application" and a new application that logs in with Spring Security's {@code oauth2Login}
 * through the bridge, all on the bridge's own port. The IdP and the app are created through the
 * bridge's admin API at start ({@link DemoSetup}).
 *
 * <p>Deliberately not annotated: it is passed to the application as a source, and so never found by
 * component scanning in the test JVM.
 */
public class DemoConfiguration {

    static final String APP_PATH = "/demo/app";

    @Bean
    DemoWaf demoWaf() {
        return new DemoWaf();
    }

    @Bean
    DemoClientRegistrations demoClientRegistrations() {
        return new DemoClientRegistrations();
    }

    @Bean
    RouterFunction<ServerResponse> demoRoutes(DemoWaf waf) {
        return RouterFunctions.route()
                .GET("/demo/waf", waf::existingApp)
                .GET("/demo/waf/keys", waf::keys)
                .GET("/demo/waf/auth/jwt", waf::jwtEndpoint)
                .GET(APP_PATH, request -> claimsPage(request.principal().orElse(null)))
                .build();
    }

    /**
     * The demo app's own chain. Its login is kept under its own session attribute, apart from the
     * bridge's sign-in in the same (shared-origin) session.
     */
    @Bean
    @Order(10)
    SecurityFilterChain demoAppSecurityFilterChain(HttpSecurity http, DemoClientRegistrations registrations)
            throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey("DEMO_APP_SECURITY_CONTEXT");
        http.securityMatcher(APP_PATH, APP_PATH + "/**", "/oauth2/authorization/**", "/login/oauth2/code/**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contexts))
                .oauth2Login(login -> login.clientRegistrationRepository(registrations)
                        .loginPage("/oauth2/authorization/" + DemoClientRegistrations.ID)
                        .defaultSuccessUrl(APP_PATH, true));
        return http.build();
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> demoSetup(
            DemoWaf waf, DemoClientRegistrations registrations, BridgeProperties properties) {
        return new DemoSetup(waf, registrations, properties);
    }

    private static ServerResponse claimsPage(java.security.Principal principal) {
        StringBuilder rows = new StringBuilder();
        if (principal instanceof Authentication authentication
                && authentication.getPrincipal() instanceof OidcUser user) {
            Map<String, Object> claims = new TreeMap<>(user.getIdToken().getClaims());
            claims.forEach((name, value) -> rows.append("<tr><th scope=\"row\">")
                    .append(HtmlUtils.htmlEscape(name))
                    .append("</th><td>")
                    .append(HtmlUtils.htmlEscape(String.valueOf(value)))
                    .append("</td></tr>"));
        }
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).body("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Demo app: signed in</title>
                <style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
                th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style></head>
                <body><main><h1 id="signed-in">Signed in through the JWT IdP bridge</h1>
                <p>The ID token the bridge issued to this app:</p>
                <table aria-describedby="signed-in"><tbody>%s</tbody></table></main></body></html>
                """.formatted(rows));
    }
}
