package io.jwtbridge.oidc;

import java.util.Map;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Opaque access tokens ({@code OIDC_TOKEN_TYPE_BEARER}) carry {@code idp}, {@code amr} and
 * {@code roles} too, as introspection shows them (the JWT tokens get them from {@link IdTokenCustomizer}).
 */
@Component
class OpaqueAccessTokenCustomizer implements OAuth2TokenCustomizer<OAuth2TokenClaimsContext> {

    private final UserClaims userClaims;

    OpaqueAccessTokenCustomizer(UserClaims userClaims) {
        this.userClaims = userClaims;
    }

    @Override
    public void customize(OAuth2TokenClaimsContext context) {
        Map<String, Object> upstream = userClaims.upstream(context.getPrincipal());
        context.getClaims().claims(existing -> existing.putAll(upstream));
    }
}
