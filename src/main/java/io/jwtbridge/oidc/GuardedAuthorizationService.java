package io.jwtbridge.oidc;

import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import java.security.Principal;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Guards around the stored authorizations. Token values are stored as SHA-256 hashes and looked
 * up by hash ({@link TokenHashes}). Every token of a grant made through an IdP that is not active
 * is unknown; the grants of users who are no longer active are unknown to the store itself.
 * Codes are single use under concurrency ({@link SingleUseCodeAuthorizationStore}).
 */
final class GuardedAuthorizationService implements OAuth2AuthorizationService {

    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final OAuth2AuthorizationService delegate;
    private final IdpService idps;

    GuardedAuthorizationService(OAuth2AuthorizationService delegate, IdpService idps) {
        this.delegate = delegate;
        this.idps = idps;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return TokenHashes.reveal(find(token, tokenType), token);
    }

    private OAuth2Authorization find(String token, OAuth2TokenType tokenType) {
        String hash = TokenHashes.hash(token);
        OAuth2Authorization found = delegate.findByToken(hash, tokenType);
        return takesAccessAway(tokenType, found) ? found : throughActiveIdp(found);
    }

    /**
     * Lookups that only take access away see every grant, also one of an inactive IdP: a
     * revocation, RP-initiated logout (by the ID token), and a replayed code (whose tokens the
     * Authorization Server then revokes). Otherwise these would do nothing while the IdP is
     * inactive, and what they should have ended would work again once it is reactivated.
     */
    private static boolean takesAccessAway(OAuth2TokenType tokenType, OAuth2Authorization found) {
        if (found == null || ID_TOKEN.equals(tokenType) || AuthorizationServerConfiguration.REVOKE.equals(path())) {
            return true;
        }
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = found.getToken(OAuth2AuthorizationCode.class);
        return CODE.equals(tokenType) && code != null && code.isInvalidated();
    }

    private static String path() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getServletPath()
                : null;
    }

    /**
     * A grant made through an IdP that is now deactivated or removed is unknown (its codes,
     * refresh tokens and access tokens at the bridge) while the IdP is not active: an admin who
     * deactivates an IdP, e.g. because its keys leaked, stops what its logins gave as well. The
     * IdP comes from the settings cache (no read).
     */
    private OAuth2Authorization throughActiveIdp(OAuth2Authorization authorization) {
        if (authorization == null
                || !(authorization.getAttribute(Principal.class.getName()) instanceof Authentication user)) {
            return authorization;
        }
        Optional<String> idpId = IdpScope.sessionIdp(user.getAuthorities());
        return idpId.isEmpty() || idps.find(idpId.get()).map(JwtIdp::active).orElse(false) ? authorization : null;
    }

    /**
     * Tokens are stored as hashes (docs/login-flow.md#tokens): a copy of the database holds no usable token. A new
     * code is stored with the browser session that asked for it ({@link OidcSessions}).
     */
    @Override
    public void save(OAuth2Authorization authorization) {
        delegate.save(TokenHashes.hide(
                isNewCode(authorization) ? OidcSessions.withCurrentSession(authorization) : authorization));
    }

    private static boolean isNewCode(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        return code != null && !code.isInvalidated() && authorization.getAccessToken() == null;
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return delegate.findById(id);
    }
}
