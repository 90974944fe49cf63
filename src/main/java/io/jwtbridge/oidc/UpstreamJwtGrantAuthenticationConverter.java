package io.jwtbridge.oidc;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the token requests of the two upstream-JWT grants: {@code grant_type=
 * urn:ietf:params:oauth:grant-type:token-exchange} with {@code subject_token_type=
 * urn:ietf:params:oauth:token-type:jwt} (the only subject token type: the Authorization Server's
 * own exchange of its access tokens is not offered), and {@code grant_type=
 * urn:ietf:params:oauth:grant-type:jwt-bearer}.
 */
final class UpstreamJwtGrantAuthenticationConverter implements AuthenticationConverter {

    static final String JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String grantType = request.getParameter("grant_type");
        Map<String, String[]> parameters = request.getParameterMap();
        Authentication client = SecurityContextHolder.getContext().getAuthentication();
        if (AuthorizationGrantType.TOKEN_EXCHANGE.getValue().equals(grantType)) {
            if (!JWT_TOKEN_TYPE.equals(request.getParameter("subject_token_type"))) {
                // Only an IdP's JWT: exchanging one app's token for another app's would pass
                // around the other app's login and its allowedIdpIds.
                throw invalidRequest("subject_token_type must be " + JWT_TOKEN_TYPE);
            }
            String requested = single(parameters, "requested_token_type", false);
            if (requested != null && !requested.equals(ACCESS_TOKEN_TYPE) && !requested.equals(ID_TOKEN_TYPE)) {
                throw invalidRequest("requested_token_type must be an access_token or an id_token");
            }
            if (parameters.containsKey("actor_token")) {
                throw invalidRequest("actor_token is not supported");
            }
            return new UpstreamJwtGrantAuthenticationToken(
                    AuthorizationGrantType.TOKEN_EXCHANGE,
                    client,
                    single(parameters, "subject_token", true),
                    requested,
                    scopes(parameters),
                    Map.of());
        }
        if (AuthorizationGrantType.JWT_BEARER.getValue().equals(grantType)) {
            return new UpstreamJwtGrantAuthenticationToken(
                    AuthorizationGrantType.JWT_BEARER,
                    client,
                    single(parameters, "assertion", true),
                    null,
                    scopes(parameters),
                    Map.of());
        }
        return null;
    }

    private static String single(Map<String, String[]> parameters, String name, boolean required) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0 || values[0].isBlank()) {
            if (required) {
                throw invalidRequest(name + " is required");
            }
            return null;
        }
        if (values.length > 1) {
            throw invalidRequest(name + " must be sent once");
        }
        return values[0];
    }

    private static Set<String> scopes(Map<String, String[]> parameters) {
        String scope = single(parameters, "scope", false);
        return scope == null
                ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
    }

    private static OAuth2AuthenticationException invalidRequest(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
    }
}
