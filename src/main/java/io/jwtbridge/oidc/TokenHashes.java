package io.jwtbridge.oidc;

import io.jwtbridge.Ids;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * Authorization codes, access, refresh and ID tokens as the database keeps them: {@code sha256:} and
 * the base64url SHA-256 of the value. The values are random or signed, so a plain hash is enough;
 * a lookup hashes what the client sent. The token that was looked up gets its value back in the
 * answer ({@link #reveal}), because the Authorization Server finds it again by value.
 */
final class TokenHashes {

    static final String PREFIX = "sha256:";
    private static final List<Class<? extends OAuth2Token>> HASHED = List.of(
            OAuth2AuthorizationCode.class, OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class);

    private TokenHashes() {}

    /** Always hashes: a value a client sends that looks like a stored hash matches nothing. */
    static String hash(String value) {
        return PREFIX + Ids.sha256(value);
    }

    /** The authorization with every token value hashed (values already hashed stay as they are). */
    static OAuth2Authorization hide(OAuth2Authorization authorization) {
        OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
        for (Class<? extends OAuth2Token> type : HASHED) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null && !token.getToken().getTokenValue().startsWith(PREFIX)) {
                replace(builder, token, hash(token.getToken().getTokenValue()));
            }
        }
        return builder.build();
    }

    /** The authorization with the token whose hash matches {@code value} showing {@code value} again. */
    static OAuth2Authorization reveal(OAuth2Authorization authorization, String value) {
        if (authorization == null) {
            return null;
        }
        String hash = hash(value);
        for (Class<? extends OAuth2Token> type : HASHED) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            if (token != null && token.getToken().getTokenValue().equals(hash)) {
                OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
                replace(builder, token, value);
                return builder.build();
            }
        }
        return authorization;
    }

    private static void replace(OAuth2Authorization.Builder builder, OAuth2Authorization.Token<?> token, String value) {
        builder.token(withValue(token.getToken(), value), metadata -> metadata.putAll(token.getMetadata()));
    }

    private static OAuth2Token withValue(OAuth2Token token, String value) {
        if (token instanceof OAuth2AuthorizationCode) {
            return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
        }
        if (token instanceof OAuth2AccessToken access) {
            return new OAuth2AccessToken(
                    access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(), access.getScopes());
        }
        if (token instanceof OAuth2RefreshToken) {
            return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
        }
        OidcIdToken idToken = (OidcIdToken) token;
        return new OidcIdToken(value, idToken.getIssuedAt(), idToken.getExpiresAt(), idToken.getClaims());
    }
}
