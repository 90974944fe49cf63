package io.jwtbridge.oidc;

import io.jwtbridge.idp.IdpScope;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * Lets ZITADEL's IdP-selection scope ({@code urn:zitadel:iam:org:idp:id:{id}}) through the
 * Authorization Server's check of requested scopes against the client's; every other scope must
 * still be registered for the client. Redirect URI checks stay the Authorization Server's own.
 */
final class IdpScopeValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    static final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> COMPOSITE =
            OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.andThen(
                    new IdpScopeValidator());

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        Set<String> otherScopes = request.getScopes().stream()
                .filter(scope -> !IdpScope.is(scope))
                .collect(Collectors.toSet());
        if (otherScopes.size() == request.getScopes().size()) {
            OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR.accept(context);
            return;
        }
        OAuth2AuthorizationCodeRequestAuthenticationToken withoutIdpScope =
                new OAuth2AuthorizationCodeRequestAuthenticationToken(
                        request.getAuthorizationUri(),
                        request.getClientId(),
                        (org.springframework.security.core.Authentication) request.getPrincipal(),
                        request.getRedirectUri(),
                        request.getState(),
                        otherScopes,
                        request.getAdditionalParameters());
        OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR.accept(
                OAuth2AuthorizationCodeRequestAuthenticationContext.with(withoutIdpScope)
                        .registeredClient(context.getRegisteredClient())
                        .build());
    }
}
