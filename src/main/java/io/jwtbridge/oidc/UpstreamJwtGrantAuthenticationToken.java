package io.jwtbridge.oidc;

import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A token request whose grant is a JWT of an upstream IdP: RFC 8693 token exchange with a
 * {@code urn:ietf:params:oauth:token-type:jwt} subject token, or an RFC 7523 JWT bearer assertion.
 */
final class UpstreamJwtGrantAuthenticationToken extends OAuth2AuthorizationGrantAuthenticationToken {

    private final String jwt;
    private final String requestedTokenType;
    private final Set<String> scopes;

    UpstreamJwtGrantAuthenticationToken(
            AuthorizationGrantType grantType,
            Authentication clientPrincipal,
            String jwt,
            String requestedTokenType,
            Set<String> scopes,
            Map<String, Object> additionalParameters) {
        super(grantType, clientPrincipal, additionalParameters);
        this.jwt = jwt;
        this.requestedTokenType = requestedTokenType;
        this.scopes = Set.copyOf(scopes);
    }

    String jwt() {
        return jwt;
    }

    /** The token type asked for (token exchange only); an access token when absent. */
    String requestedTokenType() {
        return requestedTokenType;
    }

    Set<String> scopes() {
        return scopes;
    }

    boolean jwtBearer() {
        return AuthorizationGrantType.JWT_BEARER.equals(getGrantType());
    }
}
