package io.jwtbridge.oidc;

import java.util.Date;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds the user's claims (for the granted scopes, DESIGN §6) and {@code auth_time} to ID tokens.
 * {@code sub} is the bridge's user id, which is the signed-in principal's name.
 */
@Component
class IdTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final UserClaims userClaims;

    IdTokenCustomizer(UserClaims userClaims) {
        this.userClaims = userClaims;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            return;
        }
        Map<String, Object> claims = userClaims.of(context.getPrincipal().getName(), context.getAuthorizedScopes());
        claims.remove("sub");
        context.getClaims().claims(existing -> existing.putAll(claims));
        for (GrantedAuthority authority : context.getPrincipal().getAuthorities()) {
            if (authority instanceof FactorGrantedAuthority factor) {
                context.getClaims().claim("auth_time", Date.from(factor.getIssuedAt()));
            }
        }
    }
}
