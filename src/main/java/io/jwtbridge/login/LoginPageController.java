package io.jwtbridge.login;

import io.jwtbridge.app.AppIdps;
import io.jwtbridge.idp.IdpScope;
import io.jwtbridge.idp.JwtIdp;
import io.jwtbridge.idp.JwtIdps;
import io.jwtbridge.idp.StylingType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page for an authorize request that names no IdP: one button per active IdP. A button
 * re-sends the same authorize request with the IdP's scope added, so it runs exactly the flow of
 * an app that asked for that IdP (and the Authorization Server validates it again).
 */
@Controller
class LoginPageController {

    static final String PATH = "/ui/login/login";

    private final JwtIdps idps;
    private final RegisteredClientRepository clients;

    LoginPageController(JwtIdps idps, RegisteredClientRepository clients) {
        this.idps = idps;
        this.clients = clients;
    }

    record Button(String name, String href, boolean google) {}

    @GetMapping(PATH)
    String loginPage(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        Map<String, String[]> parameters = request.getParameterMap();
        boolean hasRequest =
                StringUtils.hasText(request.getParameter("client_id")) && parameters.containsKey("response_type");
        List<Button> buttons = hasRequest
                ? idps.all().stream()
                        .filter(JwtIdp::active)
                        .filter(idp -> allowedFor(request.getParameter("client_id"), idp))
                        .map(idp -> new Button(
                                idp.name(),
                                authorizeWithIdp(parameters, idp.getId()),
                                idp.stylingType() == StylingType.STYLING_TYPE_GOOGLE))
                        .toList()
                : List.of();
        model.addAttribute("buttons", buttons);
        model.addAttribute("hasRequest", hasRequest);
        if (!hasRequest) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        return "login";
    }

    /** Only the IdPs the app allows ({@code allowedIdpIds}); none for an unknown client. */
    private boolean allowedFor(String clientId, JwtIdp idp) {
        RegisteredClient client = StringUtils.hasText(clientId) ? clients.findByClientId(clientId) : null;
        return client != null && AppIdps.allows(client, idp.getId());
    }

    static String authorizeWithIdp(Map<String, String[]> parameters, String idpId) {
        Map<String, String[]> query = new LinkedHashMap<>(parameters);
        query.remove("scope");
        Set<String> scopes = new LinkedHashSet<>();
        String[] requested = parameters.get("scope");
        if (requested != null) {
            for (String value : requested) {
                for (String scope : value.trim().split("\\s+")) {
                    if (!scope.isEmpty() && !IdpScope.is(scope)) {
                        scopes.add(scope);
                    }
                }
            }
        }
        scopes.add(IdpScope.PREFIX + idpId);
        query.put("scope", new String[] {String.join(" ", scopes)});
        return "/oauth/v2/authorize?" + QueryStrings.of(query);
    }
}
