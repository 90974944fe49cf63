package io.jwtbridge.oidc;

import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The tokens of an upstream-JWT grant, made by the Authorization Server's own generator and stored
 * as its authorization (hashed, like every grant's): an access token (and a refresh token when the
 * app has that grant), or the ID token that token exchange asked for. With {@code openid} the grant
 * also holds an ID token, which the Authorization Server's refresh grant needs for the next one.
 */
final class UpstreamJwtGrantTokens {

    private final OAuth2AuthorizationService authorizations;
    private final Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator;

    UpstreamJwtGrantTokens(
            OAuth2AuthorizationService authorizations,
            Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator) {
        this.authorizations = authorizations;
        this.tokenGenerator = tokenGenerator;
    }

    Authentication issue(
            UpstreamJwtGrantAuthenticationToken grant,
            OAuth2ClientAuthenticationToken clientPrincipal,
            RegisteredClient client,
            Authentication user,
            Set<String> scopes,
            boolean idTokenRequested) {
        DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
                .registeredClient(client)
                .principal(user)
                .authorizationServerContext(AuthorizationServerContextHolder.getContext())
                .authorizedScopes(scopes)
                .authorizationGrantType(grant.getGrantType())
                .authorizationGrant(grant);
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
                .principalName(user.getName())
                .authorizationGrantType(grant.getGrantType())
                .authorizedScopes(scopes)
                .attribute(Principal.class.getName(), user);
        // With openid the grant holds an ID token: the one asked for, or one the Authorization
        // Server's refresh grant needs to make the next ID token from.
        OidcIdToken idToken = scopes.contains(OidcScopes.OPENID) ? idToken(context, authorization) : null;
        if (idTokenRequested) {
            authorizations.save(authorization.build());
            // RFC 8693 §2.2.1: the issued token is in access_token, of token_type N_A.
            OAuth2AccessToken issued = new OAuth2AccessToken(
                    new OAuth2AccessToken.TokenType("N_A"),
                    idToken.getTokenValue(),
                    idToken.getIssuedAt(),
                    idToken.getExpiresAt(),
                    scopes);
            return new OAuth2AccessTokenAuthenticationToken(
                    client, clientPrincipal, issued, null, Map.of("issued_token_type", grant.requestedTokenType()));
        }
        OAuth2Token generated = generate(context.tokenType(OAuth2TokenType.ACCESS_TOKEN));
        OAuth2AccessToken accessToken = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                generated.getTokenValue(),
                generated.getIssuedAt(),
                generated.getExpiresAt(),
                scopes);
        if (generated instanceof ClaimAccessor claims) {
            authorization.token(
                    accessToken,
                    metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
        } else {
            authorization.accessToken(accessToken);
        }
        OAuth2RefreshToken refreshToken = null;
        if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            refreshToken = (OAuth2RefreshToken) generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN));
            authorization.refreshToken(refreshToken);
        }
        authorizations.save(authorization.build());
        Map<String, Object> parameters = grant.jwtBearer()
                ? Map.of()
                : Map.of("issued_token_type", UpstreamJwtGrantAuthenticationConverter.ACCESS_TOKEN_TYPE);
        return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, accessToken, refreshToken, parameters);
    }

    private OidcIdToken idToken(DefaultOAuth2TokenContext.Builder context, OAuth2Authorization.Builder authorization) {
        OAuth2Token generated = generate(context.tokenType(new OAuth2TokenType(OidcParameterNames.ID_TOKEN)));
        OidcIdToken idToken = new OidcIdToken(
                generated.getTokenValue(),
                generated.getIssuedAt(),
                generated.getExpiresAt(),
                ((ClaimAccessor) generated).getClaims());
        authorization.token(
                idToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()));
        return idToken;
    }

    private OAuth2Token generate(DefaultOAuth2TokenContext.Builder context) {
        OAuth2Token token = tokenGenerator.get().generate(context.build());
        if (token == null) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR, "the token generator made no token", null));
        }
        return token;
    }
}
