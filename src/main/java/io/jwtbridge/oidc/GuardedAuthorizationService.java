package io.jwtbridge.oidc;

import io.jwtbridge.user.User;
import io.jwtbridge.user.Users;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Guards around the stored authorizations. Token values are stored as SHA-256 hashes and looked
 * up by hash ({@link TokenHashes}). Refresh tokens of users who are no longer active are unknown.
 * Codes are single use under concurrency ({@link SingleUseCodeAuthorizationStore}).
 */
final class GuardedAuthorizationService implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService delegate;
    private final Users users;

    GuardedAuthorizationService(OAuth2AuthorizationService delegate, Users users) {
        this.delegate = delegate;
        this.users = users;
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return TokenHashes.reveal(find(token, tokenType), token);
    }

    private OAuth2Authorization find(String token, OAuth2TokenType tokenType) {
        String hash = TokenHashes.hash(token);
        if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            return ofActiveUser(delegate.findByToken(hash, tokenType));
        }
        return delegate.findByToken(hash, tokenType);
    }

    /**
     * A refresh token of a deactivated or removed user is unknown (invalid_grant), even if a
     * refresh that was already running saved its grant back after the deactivation removed it.
     */
    private OAuth2Authorization ofActiveUser(OAuth2Authorization authorization) {
        if (authorization == null
                || AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            return authorization;
        }
        return users.find(authorization.getPrincipalName()).map(User::active).orElse(false) ? authorization : null;
    }

    /**
     * Tokens are stored as hashes (DESIGN §8): a copy of the database holds no usable token. A new
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
