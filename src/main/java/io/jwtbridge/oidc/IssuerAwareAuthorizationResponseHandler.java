package io.jwtbridge.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization response with {@code iss} (RFC 9207), so an app talking to several providers
 * can tell which one answered: {@code redirect_uri?code=..&state=..&iss=..}.
 */
final class IssuerAwareAuthorizationResponseHandler implements AuthenticationSuccessHandler {

    private final String issuer;
    private final RedirectStrategy redirects = new DefaultRedirectStrategy();

    IssuerAwareAuthorizationResponseHandler(String issuer) {
        this.issuer = issuer;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken result =
                (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
                .queryParam(
                        OAuth2ParameterNames.CODE, result.getAuthorizationCode().getTokenValue());
        if (result.getState() != null && !result.getState().isEmpty()) {
            uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(result.getState(), StandardCharsets.UTF_8));
        }
        uri.queryParam("iss", UriUtils.encode(issuer, StandardCharsets.UTF_8));
        response.setHeader("Cache-Control", "no-store");
        redirects.sendRedirect(request, response, uri.build(true).toUriString());
    }
}
