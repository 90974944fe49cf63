package io.jwtbridge.oidc;

import io.jwtbridge.user.User;
import io.jwtbridge.user.Users;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Guards around the stored authorizations. Token values are stored as SHA-256 hashes and looked
 * up by hash ({@link TokenHashes}). Refresh tokens of users who are no longer active are unknown. Authorization codes are single use under concurrency: the first lookup of a code for redemption
 * claims it with one conditional UPDATE; a concurrent second lookup finds it claimed and gets
 * nothing (the token endpoint answers {@code invalid_grant}); lookups later in the same request (PKCE
 * checks the code first) see the claim as their own. A later replay, once the first
 * redemption is stored, is handed to the Authorization Server as usual, which then revokes the tokens
 * that code issued (RFC 6749 §4.1.2). A failed redemption also uses up the code.
 */
final class GuardedAuthorizationService implements OAuth2AuthorizationService {

    private static final OAuth2TokenType CODE = new OAuth2TokenType("code");

    private final OAuth2AuthorizationService delegate;
    private final JdbcClient jdbc;
    private final Users users;

    GuardedAuthorizationService(OAuth2AuthorizationService delegate, JdbcClient jdbc, Users users) {
        this.delegate = delegate;
        this.jdbc = jdbc;
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
        if (!CODE.equals(tokenType)) {
            return delegate.findByToken(hash, tokenType);
        }
        // One token request looks the code up more than once (client authentication checks PKCE with it).
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String claimKey = GuardedAuthorizationService.class.getName() + ".claimed";
        if (request != null && hash.equals(request.getAttribute(claimKey, RequestAttributes.SCOPE_REQUEST))) {
            return delegate.findByToken(hash, tokenType);
        }
        boolean claimed = jdbc.sql("""
                        update oauth2_authorization set code_redeemed = true
                        where authorization_code_value = :code and code_redeemed = false
                        """).param("code", hash).update() == 1;
        if (claimed && request != null) {
            request.setAttribute(claimKey, hash, RequestAttributes.SCOPE_REQUEST);
        }
        OAuth2Authorization authorization = delegate.findByToken(hash, tokenType);
        if (claimed || authorization == null) {
            return authorization;
        }
        OAuth2Authorization.Token<?> code = authorization.getToken(
                org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode.class);
        return code != null && code.isInvalidated() ? authorization : null;
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

    /** Tokens are stored as hashes (DESIGN §8): a copy of the database holds no usable token. */
    @Override
    public void save(OAuth2Authorization authorization) {
        delegate.save(TokenHashes.hide(authorization));
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
