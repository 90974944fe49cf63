package io.jwtbridge.oidc;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.jwtbridge.BridgeProperties;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.keys.BridgeJwkSource;
import io.jwtbridge.login.JwtLoginEntryPoint;
import io.jwtbridge.login.UpstreamTokens;
import io.jwtbridge.settings.SettingsCache;
import io.jwtbridge.web.AdminTokens;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The OIDC provider: Spring Authorization Server at ZITADEL's paths, with clients,
 * authorizations and consents in PostgreSQL and the bridge's own keys.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    static final String AUTHORIZE = "/oauth/v2/authorize";
    static final String TOKEN = "/oauth/v2/token";
    static final String KEYS = "/oauth/v2/keys";
    static final String INTROSPECT = "/oauth/v2/introspect";
    static final String REVOKE = "/oauth/v2/revoke";
    static final String USERINFO = "/oidc/v1/userinfo";
    static final String END_SESSION = "/oidc/v1/end_session";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerSecurityFilterChain(
            HttpSecurity http,
            JwtLoginEntryPoint loginEntryPoint,
            UserClaims userClaims,
            JwtDecoder jwtDecoder,
            OAuth2AuthorizationService authorizations,
            BridgeProperties properties,
            SignedInThroughRequestedIdp sessionCheck,
            IdpService idps,
            UpstreamTokens upstreamTokens,
            Clock clock)
            throws Exception {
        RequestMatcher authorizeEndpoint =
                PathPatternRequestMatcher.withDefaults().matcher(AUTHORIZE);
        http.oauth2AuthorizationServer(authorizationServer -> {
            http.securityMatcher(authorizationServer.getEndpointsMatcher());
            IssuerAwareAuthorizationResponseHandler responses =
                    new IssuerAwareAuthorizationResponseHandler(properties.issuerValue());
            authorizationServer.authorizationEndpoint(endpoint -> endpoint.authorizationResponseHandler(responses)
                    .errorResponseHandler(responses)
                    .authenticationProviders(providers -> providers.forEach(provider -> {
                        if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
                            codeRequests.setAuthenticationValidator(IdpScopeValidator.COMPOSITE);
                        }
                    })));
            // The ID token's sid comes from the authorization (OidcSessions), so the token endpoint
            // looks up no session: this registry is never registered into and knows none.
            // The upstream-JWT grants come first: the Authorization Server's own token exchange
            // takes every other subject token type.
            authorizationServer.tokenEndpoint(endpoint -> endpoint.accessTokenRequestConverters(
                            converters -> converters.add(0, new UpstreamJwtGrantAuthenticationConverter()))
                    .authenticationProviders(providers -> {
                        providers.forEach(provider -> {
                            if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider codes) {
                                codes.setSessionRegistry(new SessionRegistryImpl());
                            }
                        });
                        providers.add(
                                0,
                                new UpstreamJwtGrantAuthenticationProvider(
                                        idps,
                                        upstreamTokens,
                                        authorizations,
                                        () -> http.getSharedObject(OAuth2TokenGenerator.class),
                                        properties.issuerValue(),
                                        clock));
                    }));
            authorizationServer.oidc(oidc -> oidc.providerConfigurationEndpoint(discovery ->
                            discovery.providerConfigurationCustomizer(metadata -> metadata.claim(
                                            "authorization_response_iss_parameter_supported", true)
                                    .grantTypes(grants -> List.of(
                                                    AuthorizationGrantType.TOKEN_EXCHANGE.getValue(),
                                                    AuthorizationGrantType.JWT_BEARER.getValue())
                                            .stream()
                                            .filter(grant -> !grants.contains(grant))
                                            .forEach(grants::add))
                                    .scopes(scopes ->
                                            scopes.addAll(List.of("profile", "email", "phone", "offline_access")))))
                    .userInfoEndpoint(userInfo ->
                            userInfo.userInfoMapper(context -> new OidcUserInfo(UserClaims.forJson(userClaims.userInfo(
                                    context.getAuthorization().getPrincipalName(),
                                    context.getAuthorization().getAuthorizedScopes(),
                                    context.getAuthorization()
                                            .getAttribute(java.security.Principal.class.getName())))))));
        });
        http.authorizeHttpRequests(authorize -> authorize
                .requestMatchers(authorizeEndpoint)
                .access(sessionCheck)
                .anyRequest()
                .authenticated());
        http.exceptionHandling(exceptions -> exceptions
                .defaultAuthenticationEntryPointFor(loginEntryPoint, authorizeEndpoint)
                .defaultAccessDeniedHandlerFor(loginEntryPoint, authorizeEndpoint));
        http.oauth2ResourceServer(resourceServer -> resourceServer.jwt(
                jwt -> jwt.authenticationManager(new AccessTokenAuthenticationManager(jwtDecoder, authorizations))));
        http.requestCache(cache -> cache.requestCache(new NullRequestCache()));
        return http.build();
    }

    /** Size limit and known parameters only, before Spring Security sees the authorize request. */
    @Bean
    FilterRegistrationBean<AuthorizeRequestFilter> authorizeRequestFilter() {
        FilterRegistrationBean<AuthorizeRequestFilter> registration =
                new FilterRegistrationBean<>(new AuthorizeRequestFilter());
        registration.addUrlPatterns(AUTHORIZE);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(BridgeProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.issuerValue())
                .authorizationEndpoint(AUTHORIZE)
                .tokenEndpoint(TOKEN)
                .jwkSetEndpoint(KEYS)
                .tokenIntrospectionEndpoint(INTROSPECT)
                .tokenRevocationEndpoint(REVOKE)
                .oidcUserInfoEndpoint(USERINFO)
                .oidcLogoutEndpoint(END_SESSION)
                .build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbcTemplate, SettingsCache cache) {
        return new CachedClients(new JdbcRegisteredClientRepository(jdbcTemplate), cache);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(
            JdbcTemplate jdbcTemplate, RegisteredClientRepository clients, IdpService idps) {
        return new GuardedAuthorizationService(new SingleUseCodeAuthorizationStore(jdbcTemplate, clients), idps);
    }

    /** The admin chain's check of bearer tokens: signed by the bridge, stored and active. */
    @Bean
    AdminTokens adminTokens(JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations) {
        return AccessTokenAuthenticationManager.forAdminApi(jwtDecoder, authorizations)::authenticate;
    }

    /** The Authorization Server's OIDC session registry, on Spring Session's shared table. */
    @Bean
    SessionRegistry sessionRegistry(JdbcClient jdbc, Clock clock) {
        return new SharedSessionRegistry(jdbc, clock);
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(
            JdbcTemplate jdbcTemplate, RegisteredClientRepository clients) {
        return new ConsentsWhenRequired(new JdbcOAuth2AuthorizationConsentService(jdbcTemplate, clients), clients);
    }

    /** Signs with the current key only, though older keys stay published. */
    @Bean
    JwtEncoder jwtEncoder(BridgeJwkSource jwkSource) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwkSource);
        encoder.setJwkSelector(jwkSource::signingKey);
        return encoder;
    }

    /** Verifies the bridge's own tokens (admin API, userinfo): its keys, its issuer, not expired. */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, BridgeProperties properties) {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), new JwtIssuerValidator(properties.issuerValue())));
        return decoder;
    }
}
