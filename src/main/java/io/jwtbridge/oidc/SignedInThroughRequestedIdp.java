package io.jwtbridge.oidc;

import io.jwtbridge.idp.IdpScope;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The authorize endpoint issues a code to a signed-in browser, but when the app asks for one IdP
 * the session must have come through that IdP; otherwise the login runs again through it.
 */
final class SignedInThroughRequestedIdp implements AuthorizationManager<RequestAuthorizationContext> {

    static final String IDP_AUTHORITY_PREFIX = "IDP_";

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication user = authentication.get();
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        String scope = context.getRequest().getParameter("scope");
        List<String> requested = scope == null
                ? List.of()
                : IdpScope.idpIds(Arrays.asList(scope.trim().split("\\s+")));
        if (requested.isEmpty()) {
            return new AuthorizationDecision(true);
        }
        String wanted = IDP_AUTHORITY_PREFIX + requested.get(0);
        return new AuthorizationDecision(
                user.getAuthorities().stream().anyMatch(authority -> wanted.equals(authority.getAuthority())));
    }
}
