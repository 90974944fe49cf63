package io.jwtbridge.oidc;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Authenticates the bearer tokens the bridge issued itself, in both of ZITADEL's access token
 * types: a JWT ({@code OIDC_TOKEN_TYPE_JWT}) is verified with the bridge's keys; an opaque token
 * ({@code OIDC_TOKEN_TYPE_BEARER}) is looked up in the stored authorizations, with no HTTP call to
 * the bridge's own introspection endpoint. For the admin API ({@link #forAdminApi}) a JWT is also
 * looked up, so revoking it (or removing its grant) takes effect at once.
 */
final class AccessTokenAuthenticationManager implements AuthenticationManager {

    private final JwtAuthenticationProvider jwt;
    private final OAuth2AuthorizationService authorizations;
    private final boolean storedJwtsOnly;

    AccessTokenAuthenticationManager(JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations) {
        this(jwtDecoder, authorizations, false);
    }

    private AccessTokenAuthenticationManager(
            JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations, boolean storedJwtsOnly) {
        this.jwt = new JwtAuthenticationProvider(jwtDecoder);
        this.authorizations = authorizations;
        this.storedJwtsOnly = storedJwtsOnly;
    }

    /** Also a JWT must be a stored, active access token: revoked at /oauth/v2/revoke means refused. */
    static AuthenticationManager forAdminApi(JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations) {
        return new AccessTokenAuthenticationManager(jwtDecoder, authorizations, true);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (token.chars().filter(c -> c == '.').count() == 2) {
            Authentication verified = jwt.authenticate(authentication);
            if (storedJwtsOnly) {
                stored(token);
            }
            return verified;
        }
        OAuth2Authorization authorization = stored(token);
        OAuth2AccessToken accessToken = authorization.getAccessToken().getToken();
        Collection<GrantedAuthority> authorities = accessToken.getScopes().stream()
                .map(scope -> (GrantedAuthority) new SimpleGrantedAuthority("SCOPE_" + scope))
                .toList();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("sub", authorization.getPrincipalName());
        attributes.put("client_id", authorization.getRegisteredClientId());
        attributes.put("scope", List.copyOf(accessToken.getScopes()));
        attributes.put("exp", accessToken.getExpiresAt() == null ? Instant.MAX : accessToken.getExpiresAt());
        return new BearerTokenAuthentication(
                new DefaultOAuth2AuthenticatedPrincipal(authorization.getPrincipalName(), attributes, authorities),
                accessToken,
                authorities);
    }

    private OAuth2Authorization stored(String token) {
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        if (authorization == null
                || authorization.getAccessToken() == null
                || !authorization.getAccessToken().isActive()) {
            throw new BadCredentialsException("The access token is unknown, expired or revoked");
        }
        return authorization;
    }
}
