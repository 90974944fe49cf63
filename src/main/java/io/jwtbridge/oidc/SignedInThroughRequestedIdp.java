package io.jwtbridge.oidc;

import io.jwtbridge.app.AppIdps;
import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.login.AuthenticationRequest;
import io.jwtbridge.login.FreshSignIn;
import io.jwtbridge.user.User;
import io.jwtbridge.user.Users;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * The authorize endpoint issues a code to a signed-in browser only while the session still stands:
 * its user exists and is active, the IdP it came through exists and is active, and, when the app
 * asks for one IdP, the session came through that IdP, and the app's {@code prompt=login} or
 * {@code max_age} does not ask for a newer sign-in ({@link AuthenticationRequest}). Otherwise the
 * login runs again, through the WAF.
 */
@Component
class SignedInThroughRequestedIdp implements AuthorizationManager<RequestAuthorizationContext> {

    private final Users users;
    private final IdpService idps;
    private final RegisteredClientRepository clients;
    private final Clock clock;

    SignedInThroughRequestedIdp(Users users, IdpService idps, RegisteredClientRepository clients, Clock clock) {
        this.users = users;
        this.idps = idps;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication session = authentication.get();
        if (session == null || !session.isAuthenticated() || session instanceof AnonymousAuthenticationToken) {
            return new AuthorizationDecision(false);
        }
        String scope = context.getRequest().getParameter("scope");
        List<String> requested = scope == null
                ? List.of()
                : IdpScope.idpIds(Arrays.asList(scope.trim().split("\\s+")));
        Optional<String> sessionIdp = IdpScope.sessionIdp(session.getAuthorities());
        if (sessionIdp.isEmpty() || (!requested.isEmpty() && !requested.equals(List.of(sessionIdp.get())))) {
            return new AuthorizationDecision(false);
        }
        RegisteredClient client = clients.findByClientId(context.getRequest().getParameter("client_id"));
        if (client == null || !AppIdps.allows(client, sessionIdp.get())) {
            // The app may not sign users in through the session's IdP: its own login runs instead.
            return new AuthorizationDecision(false);
        }
        if (FreshSignIn.is(context.getRequest(), session)) {
            return new AuthorizationDecision(true);
        }
        if (!AuthenticationRequest.of(context.getRequest()).sessionMayAnswer(session, clock.instant())) {
            return new AuthorizationDecision(false);
        }
        boolean idpActive = idps.find(sessionIdp.get()).map(JwtIdp::active).orElse(false);
        boolean userActive = users.find(session.getName()).map(User::active).orElse(false);
        return new AuthorizationDecision(idpActive && userActive);
    }
}
