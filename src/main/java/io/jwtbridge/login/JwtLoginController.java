package io.jwtbridge.login;

import io.jwtbridge.settings.SettingsCache;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.UriComponentsBuilder;

/** The JWT handler the WAF calls and the callback the browser returns to. */
@Controller
class JwtLoginController {

    private static final String AUTHORIZE = "/oauth/v2/authorize";

    private final JwtLogin login;
    private final BindingCookie bindingCookie;
    private final RegistrationConfirmation confirmation;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    JwtLoginController(JwtLogin login, BindingCookie bindingCookie, RegistrationConfirmation confirmation) {
        this.login = login;
        this.bindingCookie = bindingCookie;
        this.confirmation = confirmation;
    }

    /** The JWT handler the WAF calls: ZITADEL's login v1 path, and its login v2 path {@code /idps/jwt}. */
    @GetMapping({"/ui/login/login/jwt/authorize", JwtLogin.LOGIN_V2_PATH})
    ModelAndView authorize(
            @RequestParam(name = "authRequestID", required = false) String flowId,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        // The caller's address as Tomcat's RemoteIpValve gives it: from X-Forwarded-For only when
        // the direct peer is a trusted proxy (jwtbridge.gateway.trusted-proxies).
        JwtLogin.Answer answer = login.handleToken(
                flowId,
                name -> Collections.list(request.getHeaders(name)),
                name -> cookies(request, name),
                request.getRemoteAddr());
        return render(answer, response);
    }

    /** The values of the request's cookies of that name (a token source may be a cookie). */
    private static java.util.List<String> cookies(HttpServletRequest request, String name) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(cookies)
                .filter(cookie -> cookie.getName().equals(name))
                .map(jakarta.servlet.http.Cookie::getValue)
                .toList();
    }

    /**
     * One transaction: the flow's VERIFIED → CONSUMED, the browser's session and the code's
     * authorization (the resumed authorize request runs inside) commit together or not at all.
     * The redirect leaves Tomcat only after the method returns, so the app never holds a code
     * before its row is committed. The app and IdP it reads come from the settings cache.
     */
    @GetMapping(JwtLogin.CALLBACK_PATH)
    @Transactional
    ModelAndView callback(
            @RequestParam(name = "authRequestID", required = false) String flowId,
            @RequestParam(name = "handle", required = false) String handle,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException, ServletException {
        SettingsCache.copiesWillDo();
        Optional<JwtLogin.Answer> finished = login.callback(flowId, handle, bindingCookie.value(request));
        if (finished.isPresent() && finished.get() instanceof JwtLogin.Redirect refused) {
            return render(refused, response);
        }
        Optional<JwtLogin.SignIn> signIn = finished.map(JwtLogin.SignIn.class::cast);
        if (signIn.isEmpty()) {
            Optional<RegistrationConfirmation.Page> pending =
                    confirmation.page(flowId, handle, bindingCookie.value(request));
            if (pending.isPresent()) {
                return confirmationPage(pending.get(), handle, response);
            }
            return render(
                    new JwtLogin.ErrorPage(
                            400,
                            "This login cannot be finished in this browser, or it was already finished or has expired. "
                                    + "Start again from the application."),
                    response);
        }
        if (request.getSession(false) != null && !alreadySignedInAs(signIn.get(), request)) {
            // Another user (or none) in this browser so far: a new session id (session fixation).
            // The same user signing in again keeps it, so the sid of the ID tokens this session
            // already has still names it (two tabs that finish their logins one after the other).
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signIn.get().authentication());
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        FreshSignIn.mark(request, signIn.get().authentication());
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        // Step 7 ends at the app: the Authorization Server answers the resumed authorize request
        // in this same request (302 {redirect_uri}?code=..&state=..&iss=..).
        ServletRequestPathUtils.clearParsedRequestPath(request);
        request.getRequestDispatcher(AUTHORIZE + "?" + signIn.get().authorizeQuery())
                .forward(new OnlyForwardedParameters(request, signIn.get().authorizeQuery()), response);
        return null;
    }

    private static ModelAndView confirmationPage(
            RegistrationConfirmation.Page page, String handle, HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        ModelAndView view = new ModelAndView("confirm-registration");
        view.addObject("flowId", page.pending().flowId());
        view.addObject("handle", handle);
        view.addObject("idpName", page.idpName());
        view.addObject("userName", page.userName());
        view.addObject("profile", page.pending().profile());
        return view;
    }

    private boolean alreadySignedInAs(JwtLogin.SignIn signIn, HttpServletRequest request) {
        Authentication current = contexts.loadDeferredContext(request).get().getAuthentication();
        return current != null
                && current.isAuthenticated()
                && current.getName().equals(signIn.authentication().getName());
    }

    /**
     * The resumed authorize request sees only the parameters of the query it was started with:
     * not the callback's flow id and handle, nor anything else added to the callback's URL. (The
     * container merges both queries under this wrapper.)
     */
    private static final class OnlyForwardedParameters extends HttpServletRequestWrapper {

        private final Set<String> names;

        OnlyForwardedParameters(HttpServletRequest request, String authorizeQuery) {
            super(request);
            this.names =
                    UriComponentsBuilder.newInstance().query(authorizeQuery).build().getQueryParams().keySet().stream()
                            .map(name -> URLDecoder.decode(name, StandardCharsets.UTF_8))
                            .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public String getParameter(String name) {
            return names.contains(name) ? super.getParameter(name) : null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
            parameters.keySet().retainAll(names);
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return names.contains(name) ? super.getParameterValues(name) : null;
        }
    }

    /** Redirects are sent as they are (never an HTML page: the WAF relays the answer). */
    static ModelAndView render(JwtLogin.Answer answer, HttpServletResponse response) throws IOException {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        if (answer instanceof JwtLogin.Redirect redirect) {
            response.sendRedirect(redirect.location());
            return null;
        }
        JwtLogin.ErrorPage error = (JwtLogin.ErrorPage) answer;
        ModelAndView page = new ModelAndView("login-error");
        page.addObject("message", error.message());
        page.setStatus(org.springframework.http.HttpStatus.valueOf(error.status()));
        return page;
    }
}
