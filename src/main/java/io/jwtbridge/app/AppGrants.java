package io.jwtbridge.app;

import io.jwtbridge.app.OidcAppTypes.GrantType;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/** ZITADEL's grant type names and the Authorization Server's grant types. */
final class AppGrants {

    private AppGrants() {}

    static AuthorizationGrantType of(GrantType grant) {
        return switch (grant) {
            case OIDC_GRANT_TYPE_AUTHORIZATION_CODE -> AuthorizationGrantType.AUTHORIZATION_CODE;
            case OIDC_GRANT_TYPE_REFRESH_TOKEN -> AuthorizationGrantType.REFRESH_TOKEN;
            case OIDC_GRANT_TYPE_TOKEN_EXCHANGE -> AuthorizationGrantType.TOKEN_EXCHANGE;
            case OIDC_GRANT_TYPE_JWT_BEARER -> AuthorizationGrantType.JWT_BEARER;
        };
    }

    /** A client's grant types in ZITADEL's names, in the enum's order. */
    static List<GrantType> of(Collection<AuthorizationGrantType> grants) {
        return Arrays.stream(GrantType.values())
                .filter(grant -> grants.contains(of(grant)))
                .toList();
    }

    /** Grants that only a client with a secret may use: the upstream-JWT grants. */
    static boolean needSecret(Collection<GrantType> grants) {
        return grants.contains(GrantType.OIDC_GRANT_TYPE_TOKEN_EXCHANGE)
                || grants.contains(GrantType.OIDC_GRANT_TYPE_JWT_BEARER);
    }
}
