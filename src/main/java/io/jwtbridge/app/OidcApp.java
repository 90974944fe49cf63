package io.jwtbridge.app;

import io.jwtbridge.app.OidcAppTypes.AppType;
import io.jwtbridge.app.OidcAppTypes.AuthMethodType;
import io.jwtbridge.app.OidcAppTypes.GrantType;
import io.jwtbridge.app.OidcAppTypes.TokenType;
import java.time.Instant;
import java.util.List;

/** An OIDC application as the admin API shows it (its client lives in oauth2_registered_client). */
record OidcApp(
        String id,
        String clientId,
        String name,
        AppType appType,
        AuthMethodType authMethodType,
        TokenType accessTokenType,
        List<GrantType> grantTypes,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> allowedIdpIds,
        Instant createdAt,
        Instant changedAt,
        long sequence) {}
