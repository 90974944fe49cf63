package io.jwtbridge.oidc;

import java.util.Date;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds the user's claims (for the granted scopes, docs/login-flow.md#id-token-and-userinfo) and {@code auth_time} to ID tokens.
 * {@code sub} is the bridge's user id, which is the signed-in principal's name. {@code sid} names
 * the browser session that asked for the code ({@link OidcSessions}), also in ID tokens of later
 * refreshes of that grant.
 */
@Component
class IdTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final UserClaims userClaims;

    IdTokenCustomizer(UserClaims userClaims) {
        this.userClaims = userClaims;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            Map<String, Object> upstream = userClaims.upstream(context.getPrincipal());
            context.getClaims().claims(existing -> existing.putAll(upstream));
            return;
        }
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            return;
        }
        Map<String, Object> upstream = userClaims.upstream(context.getPrincipal());
        context.getClaims().claims(existing -> existing.putAll(upstream));
        Map<String, Object> claims = userClaims.of(
                context.getPrincipal().getName(),
                context.getAuthorizedScopes(),
                UserClaims.idpOf(context.getPrincipal()));
        claims.remove("sub");
        context.getClaims().claims(existing -> existing.putAll(claims));
        String sid = context.getAuthorization() == null
                ? null
                : context.getAuthorization().getAttribute(OidcSessions.SID);
        if (sid != null) {
            context.getClaims().claim("sid", sid);
        }
        for (GrantedAuthority authority : context.getPrincipal().getAuthorities()) {
            if (authority instanceof FactorGrantedAuthority factor) {
                context.getClaims().claim("auth_time", Date.from(factor.getIssuedAt()));
            }
        }
    }
}
