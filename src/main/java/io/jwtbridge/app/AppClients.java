package io.jwtbridge.app;

import io.jwtbridge.app.OidcAppRequests.OidcConfig;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Between ZITADEL's app configuration and Spring Authorization Server's {@link RegisteredClient}:
 * public clients ({@code OIDC_AUTH_METHOD_TYPE_NONE}) must use PKCE (S256), redirect URIs match
 * exactly, secrets are stored hashed.
 */
final class AppClients {

    private AppClients() {}

    /**
     * The registered client of an app. {@code secret} is a new secret to store (hashed); without one
     * a confidential client keeps the hash the builder already holds.
     */
    static RegisteredClient client(RegisteredClient.Builder builder, String name, OidcConfig config, String secret) {
        boolean isPublic = config.authMethodType() == AuthMethodType.OIDC_AUTH_METHOD_TYPE_NONE;
        builder.clientName(name)
                .clientAuthenticationMethods(methods -> {
                    methods.clear();
                    methods.add(
                            switch (config.authMethodType()) {
                                case OIDC_AUTH_METHOD_TYPE_BASIC -> ClientAuthenticationMethod.CLIENT_SECRET_BASIC;
                                case OIDC_AUTH_METHOD_TYPE_POST -> ClientAuthenticationMethod.CLIENT_SECRET_POST;
                                case OIDC_AUTH_METHOD_TYPE_NONE -> ClientAuthenticationMethod.NONE;
                            });
                })
                .authorizationGrantTypes(grants -> {
                    grants.clear();
                    config.grantTypes().forEach(grant -> grants.add(AppGrants.of(grant)));
                })
                .redirectUris(uris -> {
                    uris.clear();
                    uris.addAll(config.redirectUris());
                })
                .postLogoutRedirectUris(uris -> {
                    uris.clear();
                    uris.addAll(config.postLogoutRedirectUris());
                })
                .scopes(scopes -> {
                    scopes.clear();
                    scopes.addAll(List.of(
                            OidcScopes.OPENID,
                            OidcScopes.PROFILE,
                            OidcScopes.EMAIL,
                            OidcScopes.PHONE,
                            "offline_access"));
                })
                .clientSettings(AppIdps.with(
                                ClientSettings.builder()
                                        .requireProofKey(isPublic)
                                        .requireAuthorizationConsent(false),
                                config.allowedIdpIds())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(
                                config.accessTokenType() == TokenType.OIDC_TOKEN_TYPE_JWT
                                        ? OAuth2TokenFormat.SELF_CONTAINED
                                        : OAuth2TokenFormat.REFERENCE)
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
                        .accessTokenTimeToLive(Duration.ofHours(1))
                        .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
                        .refreshTokenTimeToLive(Duration.ofDays(30))
                        .reuseRefreshTokens(false)
                        .build());
        if (isPublic) {
            builder.clientSecret(null);
        } else if (secret != null) {
            builder.clientSecret(ClientSecrets.hash(secret));
        }
        return builder.build();
    }

    /** A confidential client with a new secret (stored hashed). */
    static RegisteredClient withSecret(RegisteredClient client, String secret) {
        return RegisteredClient.from(client)
                .clientSecret(ClientSecrets.hash(secret))
                .build();
    }

    /** The app as the admin API shows it: its {@code oidc_app} row and its registered client. */
    static OidcApp app(OidcApps.Row row, RegisteredClient client) {
        return new OidcApp(
                row.id(),
                client.getClientId(),
                row.name(),
                row.appType(),
                row.authMethodType(),
                row.accessTokenType(),
                AppGrants.of(client.getAuthorizationGrantTypes()),
                List.copyOf(client.getRedirectUris()),
                List.copyOf(client.getPostLogoutRedirectUris()),
                AppIdps.allowed(client),
                row.createdAt(),
                row.changedAt(),
                row.sequence());
    }
}
