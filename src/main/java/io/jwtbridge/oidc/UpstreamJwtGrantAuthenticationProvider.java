package io.jwtbridge.oidc;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.jwtbridge.app.AppIdps;
import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.login.UpstreamTokens;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The token endpoint's upstream-JWT grants (RFC 8693 token exchange, RFC 7523 JWT bearer): the IdP
 * is the active one, among the app's allowed IdPs, whose issuer is the token's {@code iss}; the
 * token then goes through exactly the browser login's checks and user rules
 * ({@link UpstreamTokens}), and the tokens come from the Authorization Server's own generator and
 * are stored as its authorizations, so introspection, revocation and userinfo work on them. Every
 * refusal is {@code invalid_grant} with the reason first in {@code error_description}.
 */
final class UpstreamJwtGrantAuthenticationProvider implements AuthenticationProvider {

    private final IdpService idps;
    private final UpstreamTokens upstreamTokens;
    private final UpstreamJwtGrantTokens tokens;
    private final String issuer;
    private final Clock clock;

    UpstreamJwtGrantAuthenticationProvider(
            IdpService idps,
            UpstreamTokens upstreamTokens,
            OAuth2AuthorizationService authorizations,
            Supplier<OAuth2TokenGenerator<? extends OAuth2Token>> tokenGenerator,
            String issuer,
            Clock clock) {
        this.clock = clock;
        this.idps = idps;
        this.upstreamTokens = upstreamTokens;
        this.tokens = new UpstreamJwtGrantTokens(authorizations, tokenGenerator);
        this.issuer = issuer;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UpstreamJwtGrantAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        UpstreamJwtGrantAuthenticationToken grant = (UpstreamJwtGrantAuthenticationToken) authentication;
        OAuth2ClientAuthenticationToken clientPrincipal =
                grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
                        ? client
                        : null;
        if (clientPrincipal == null || clientPrincipal.getRegisteredClient() == null) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
        }
        RegisteredClient client = clientPrincipal.getRegisteredClient();
        if (!client.getAuthorizationGrantTypes().contains(grant.getGrantType())
                || ClientAuthenticationMethod.NONE.equals(clientPrincipal.getClientAuthenticationMethod())) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT);
        }
        boolean idTokenRequested =
                UpstreamJwtGrantAuthenticationConverter.ID_TOKEN_TYPE.equals(grant.requestedTokenType());
        Set<String> scopes = scopes(client, grant.scopes(), idTokenRequested);
        JwtIdp idp = idpOf(client, grant.jwt());
        UpstreamTokens.Result result = upstreamTokens.signIn(
                idp, List.of(grant.jwt()), grant.jwtBearer() ? this::namesTheBridge : UpstreamTokens.ClaimsCheck.NONE);
        if (result instanceof UpstreamTokens.Refused refused) {
            throw invalidGrant(refused.reason(), refused.description());
        }
        if (result instanceof UpstreamTokens.NeedsConfirmation) {
            throw invalidGrant(
                    "unknown_user",
                    "the identity provider creates accounts only after the person confirms, in a browser login");
        }
        String userId = ((UpstreamTokens.SignedIn) result).userId();
        Authentication user = UsernamePasswordAuthenticationToken.authenticated(
                userId,
                null,
                List.of(
                        FactorGrantedAuthority.withFactor("JWT_IDP")
                                .issuedAt(clock.instant())
                                .build(),
                        new SimpleGrantedAuthority(IdpScope.SESSION_AUTHORITY_PREFIX + idp.getId())));
        return tokens.issue(grant, clientPrincipal, client, user, scopes, idTokenRequested);
    }

    /** RFC 7523 §3: the assertion's {@code aud} names the bridge (its issuer or token endpoint). */
    private Optional<UpstreamTokens.Refused> namesTheBridge(com.nimbusds.jwt.JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        return audience.contains(issuer) || audience.contains(issuer + AuthorizationServerConfiguration.TOKEN)
                ? Optional.empty()
                : Optional.of(new UpstreamTokens.Refused(
                        "wrong_audience",
                        "the assertion's aud does not name this bridge (its issuer or token endpoint)"));
    }

    /** The active IdP of the token's issuer among the app's allowed IdPs. */
    private JwtIdp idpOf(RegisteredClient client, String jwt) {
        String tokenIssuer = issuerOf(jwt);
        List<JwtIdp> anyOfIssuer = idps.all().stream()
                .filter(idp -> idp.jwtConfig().issuer().equals(tokenIssuer))
                .toList();
        if (anyOfIssuer.isEmpty()) {
            throw invalidGrant("wrong_issuer", "no identity provider has the token's issuer");
        }
        List<JwtIdp> ofIssuer = anyOfIssuer.stream()
                .filter(idp -> AppIdps.allows(client, idp.getId()))
                .toList();
        if (ofIssuer.isEmpty()) {
            throw invalidGrant("idp_not_allowed", "the application may not sign users in through the token's IdP");
        }
        List<JwtIdp> active = ofIssuer.stream().filter(JwtIdp::active).toList();
        if (active.isEmpty()) {
            throw invalidGrant("idp_inactive", "the identity provider of the token's issuer is deactivated");
        }
        if (active.size() > 1) {
            throw invalidGrant(
                    "ambiguous_issuer",
                    "several identity providers have the token's issuer: limit the application with allowedIdpIds");
        }
        return active.get(0);
    }

    /** The unverified {@code iss} of a signed JWT (only to pick the IdP, whose checks then run). */
    private static String issuerOf(String jwt) {
        try {
            if (JWTParser.parse(jwt) instanceof SignedJWT signed
                    && signed.getJWTClaimsSet() != null
                    && signed.getJWTClaimsSet().getIssuer() != null) {
                return signed.getJWTClaimsSet().getIssuer();
            }
        } catch (ParseException ex) {
            // refused below
        }
        throw invalidGrant("malformed", "the token is not a signed JWT with an issuer");
    }

    /** The requested scopes, each registered for the app; {@code openid} when none are asked for. */
    private static Set<String> scopes(RegisteredClient client, Set<String> requested, boolean idToken) {
        Set<String> scopes = new LinkedHashSet<>(requested.isEmpty() ? Set.of(OidcScopes.OPENID) : requested);
        if (!client.getScopes().containsAll(scopes)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_SCOPE, "a requested scope is not registered for this application", null));
        }
        if (idToken && !scopes.contains(OidcScopes.OPENID)) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, "an id_token needs the scope openid", null));
        }
        return scopes;
    }

    private static OAuth2AuthenticationException invalidGrant(String reason, String description) {
        String text = description.startsWith(reason + ":") ? description : reason + ": " + description;
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, text, null));
    }
}
