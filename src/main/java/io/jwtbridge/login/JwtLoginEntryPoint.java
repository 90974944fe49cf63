package io.jwtbridge.login;

import io.jwtbridge.BridgeProperties;
import io.jwtbridge.Ids;
import io.jwtbridge.app.AppIdps;
import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.idp.IdpService;
import io.jwtbridge.idp.JwtIdp;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Starts the login of a validated authorize request (docs/login-flow.md steps 1–2): with the IdP scope, it
 * stores a login flow, binds it to this browser with a cookie and sends the browser to the IdP's
 * JWT endpoint; without it, it shows the login page. The Authorization Server has validated the
 * client, redirect_uri, scopes and PKCE before this runs, so errors may go to the redirect_uri.
 */
@Component
public class JwtLoginEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(JwtLoginEntryPoint.class);
    private static final Pattern WELL_FORMED_ID = Pattern.compile("[0-9]{1,19}");

    private final LoginFlows flows;
    private final IdpService idps;
    private final RegisteredClientRepository clients;
    private final BindingCookie bindingCookie;
    private final String issuer;

    JwtLoginEntryPoint(
            LoginFlows flows,
            IdpService idps,
            RegisteredClientRepository clients,
            BindingCookie bindingCookie,
            BridgeProperties properties) {
        this.flows = flows;
        this.idps = idps;
        this.clients = clients;
        this.bindingCookie = bindingCookie;
        this.issuer = properties.issuerValue();
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        start(request, response);
    }

    /** An authenticated user whose session came through another IdP than the one asked for. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        start(request, response);
    }

    private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        OAuth2AuthorizationCodeRequestAuthenticationToken authorize =
                (OAuth2AuthorizationCodeRequestAuthenticationToken)
                        request.getAttribute(OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName());
        if (authorize == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        if (AuthenticationRequest.of(request).promptNone()) {
            // No session that may answer, and the app forbids any login step.
            response.sendRedirect(AppRedirects.error(
                    redirectUriOf(authorize),
                    "login_required",
                    "the browser has no session at the bridge that may answer",
                    null,
                    authorize.getState(),
                    issuer));
            return;
        }
        String query = queryOf(request);
        List<String> idpIds = IdpScope.idpIds(authorize.getScopes());
        if (idpIds.isEmpty()) {
            response.sendRedirect(LoginPageController.PATH + "?" + query);
            return;
        }
        String redirectUri = redirectUriOf(authorize);
        String state = authorize.getState();
        if (idpIds.size() > 1) {
            response.sendRedirect(AppRedirects.accessDenied(
                    redirectUri, state, "only one identity provider may be requested", issuer));
            return;
        }
        Optional<JwtIdp> idp = idps.find(idpIds.get(0));
        if (idp.isEmpty() || !idp.get().active()) {
            log.info(
                    "Login refused before the JWT endpoint: idp {} {}",
                    loggable(idpIds.get(0)),
                    idp.isEmpty() ? "unknown" : "inactive");
            response.sendRedirect(AppRedirects.accessDenied(
                    redirectUri,
                    state,
                    idp.isEmpty()
                            ? "the requested identity provider does not exist"
                            : "the requested identity provider is deactivated",
                    issuer));
            return;
        }
        RegisteredClient client = clients.findByClientId(authorize.getClientId());
        if (client == null || !AppIdps.allows(client, idp.get().getId())) {
            response.sendRedirect(
                    AppRedirects.accessDenied(redirectUri, state, JwtLogin.IDP_NOT_ALLOWED_DESCRIPTION, issuer));
            return;
        }
        String binding = bindingCookie.valueOrNew(request, response);
        String flowId = Ids.secret();
        String bindingHash = Secrets.hash(binding);
        flows.start(flowId, idp.get().getId(), query, authorize.getClientId(), redirectUri, state, bindingHash);
        String target = UriComponentsBuilder.fromUriString(idp.get().jwtConfig().jwtEndpoint())
                .queryParam("authRequestID", flowId)
                .queryParam("userAgentID", bindingHash.substring(0, 22))
                .build()
                .toUriString();
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(target);
    }

    /**
     * An IdP id as it may be logged: ids are decimal numbers, so anything else (CR/LF that would
     * forge a log line, markup, a megabyte) is logged as a placeholder, never as sent.
     */
    static String loggable(String idpId) {
        return WELL_FORMED_ID.matcher(idpId).matches() ? idpId : "(malformed id)";
    }

    private String redirectUriOf(OAuth2AuthorizationCodeRequestAuthenticationToken authorize) {
        if (authorize.getRedirectUri() != null) {
            return authorize.getRedirectUri();
        }
        RegisteredClient client = clients.findByClientId(authorize.getClientId());
        return client.getRedirectUris().iterator().next();
    }

    /** The authorize request's parameters, to resume it after the callback. */
    static String queryOf(HttpServletRequest request) {
        return QueryStrings.of(request.getParameterMap());
    }
}
