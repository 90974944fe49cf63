package io.jwtbridge.oidc;

import io.jwtbridge.login.AppRedirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Authorization responses and errors with {@code iss} (RFC 9207), so an app talking to several
 * providers can tell which one answered: {@code redirect_uri?code=..&state=..&iss=..}.
 */
final class IssuerAwareAuthorizationResponseHandler
        implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

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
        response.setHeader("Cache-Control", "no-store");
        redirects.sendRedirect(
                request,
                response,
                AppRedirects.code(
                        result.getRedirectUri(),
                        result.getAuthorizationCode().getTokenValue(),
                        result.getState(),
                        issuer));
    }

    /**
     * An error of a request whose client and redirect_uri were validated goes back to the app, with
     * {@code iss}; any other is a plain 400 (never a redirect to an unchecked URI).
     */
    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken failed =
                exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException codeRequest
                        ? codeRequest.getAuthorizationCodeRequestAuthentication()
                        : null;
        OAuth2Error error = ((OAuth2AuthenticationException) exception).getError();
        if (failed == null
                || failed.getRedirectUri() == null
                || failed.getRedirectUri().isEmpty()) {
            response.sendError(HttpStatus.BAD_REQUEST.value(), error.getErrorCode());
            return;
        }
        redirects.sendRedirect(
                request,
                response,
                AppRedirects.error(
                        failed.getRedirectUri(),
                        error.getErrorCode(),
                        error.getDescription(),
                        error.getUri(),
                        failed.getState(),
                        issuer));
    }
}
