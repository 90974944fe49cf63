package io.jwtbridge.app;

/** ZITADEL's enums of OIDC applications. */
final class OidcAppTypes {

    private OidcAppTypes() {}

    enum AppType {
        OIDC_APP_TYPE_WEB,
        OIDC_APP_TYPE_USER_AGENT,
        OIDC_APP_TYPE_NATIVE
    }

    enum AuthMethodType {
        OIDC_AUTH_METHOD_TYPE_BASIC,
        OIDC_AUTH_METHOD_TYPE_POST,
        OIDC_AUTH_METHOD_TYPE_NONE
    }

    enum GrantType {
        OIDC_GRANT_TYPE_AUTHORIZATION_CODE,
        OIDC_GRANT_TYPE_REFRESH_TOKEN,
        /** RFC 8693 token exchange of an upstream JWT (a JWT IdP's token). */
        OIDC_GRANT_TYPE_TOKEN_EXCHANGE,
        /** RFC 7523 JWT bearer: an upstream JWT as the authorization grant. */
        OIDC_GRANT_TYPE_JWT_BEARER
    }

    enum TokenType {
        OIDC_TOKEN_TYPE_BEARER,
        OIDC_TOKEN_TYPE_JWT
    }

    enum ResponseType {
        OIDC_RESPONSE_TYPE_CODE
    }
}
