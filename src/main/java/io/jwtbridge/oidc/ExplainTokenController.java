package io.jwtbridge.oidc;

import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.login.TokenInput;
import io.jwtbridge.login.UpstreamTokens;
import io.jwtbridge.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/v1/idps/{id}/_test} (docs/admin-api.md#explain-a-token): a login's very path
 * through {@link UpstreamTokens} as a dry run, with every check, the user action and the ID token
 * claims for {@code openid profile email}. The token is never in the answer nor in a log.
 */
@RestController
@Tag(name = "Identity providers", description = "JWT identity providers (ZITADEL admin API v1)")
class ExplainTokenController {

    private static final Set<String> SCOPES = Set.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL);

    private final IdpService idps;
    private final UpstreamTokens upstreamTokens;
    private final UserClaims userClaims;

    ExplainTokenController(IdpService idps, UpstreamTokens upstreamTokens, UserClaims userClaims) {
        this.idps = idps;
        this.upstreamTokens = upstreamTokens;
        this.userClaims = userClaims;
    }

    /**
     * The token as given, or the headers and cookies a gateway would send (to test the token sources).
     * Header names are matched ignoring case.
     */
    record ExplainRequest(String jwt, Map<String, String> headers, Map<String, String> cookies) {

        @Override
        public String toString() {
            return "ExplainRequest[jwt=" + (jwt == null ? null : "***") + ", headers=***, cookies=***]";
        }

        TokenInput input() {
            if (jwt != null) {
                return new TokenInput.Given(List.of(jwt));
            }
            Map<String, String> givenHeaders = headers == null ? Map.of() : headers;
            Map<String, String> givenCookies = cookies == null ? Map.of() : cookies;
            return new TokenInput.Request(
                    name -> givenHeaders.entrySet().stream()
                            .filter(header -> header.getKey().equalsIgnoreCase(name) && header.getValue() != null)
                            .map(Map.Entry::getValue)
                            .toList(),
                    name -> givenCookies.containsKey(name) && givenCookies.get(name) != null
                            ? List.of(givenCookies.get(name))
                            : List.of());
        }
    }

    @PostMapping("/admin/v1/idps/{id}/_test")
    @Operation(
            summary = "Explain what a login would do with a token (a dry run; an extension)",
            description = "Runs the checks and user rules of a login without writing anything: the verdict, every"
                    + " check, the user action and the ID token claims it would issue.")
    UpstreamTokens.Explanation explain(@PathVariable String id, @RequestBody ExplainRequest request) {
        JwtIdp idp = idps.get(id);
        if (request.jwt() == null && request.headers() == null && request.cookies() == null) {
            throw ApiException.invalidArgument(
                    "IDP-InvalidJwt", "invalid jwt: value is required (or headers, cookies)");
        }
        UpstreamTokens.Explanation explanation = upstreamTokens.explain(idp, request.input(), userId -> {
            Map<String, Object> claims = UserClaims.forJson(userClaims.of(userId, SCOPES, idp.getId()));
            claims.putAll(userClaims.upstream(userId, idp.getId()));
            return claims;
        });
        if (!idp.active() && "ACCEPTED".equals(explanation.verdict())) {
            return new UpstreamTokens.Explanation(
                    "REFUSED", "idp_inactive", explanation.checks(), explanation.user(), explanation.claims());
        }
        return explanation;
    }
}
