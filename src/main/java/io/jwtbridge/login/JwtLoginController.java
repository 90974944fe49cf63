package io.jwtbridge.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The JWT handler the WAF calls and the callback the browser returns to. */
@Controller
class JwtLoginController {

    private final JwtLogin login;
    private final BindingCookie bindingCookie;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    JwtLoginController(JwtLogin login, BindingCookie bindingCookie) {
        this.login = login;
        this.bindingCookie = bindingCookie;
    }

    @GetMapping("/ui/login/login/jwt/authorize")
    ModelAndView authorize(
            @RequestParam(name = "authRequestID", required = false) String flowId,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        JwtLogin.Answer answer = login.handleToken(flowId, name -> Collections.list(request.getHeaders(name)));
        return render(answer, response);
    }

    @GetMapping(JwtLogin.CALLBACK_PATH)
    ModelAndView callback(
            @RequestParam(name = "authRequestID", required = false) String flowId,
            @RequestParam(name = "handle", required = false) String handle,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Optional<JwtLogin.SignIn> signIn = login.callback(flowId, handle, bindingCookie.value(request));
        if (signIn.isEmpty()) {
            return render(
                    new JwtLogin.ErrorPage(
                            400,
                            "This login cannot be finished in this browser, or it was already finished or has expired. "
                                    + "Start again from the application."),
                    response);
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signIn.get().authentication());
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return render(
                new JwtLogin.Redirect("/oauth/v2/authorize?" + signIn.get().authorizeQuery()), response);
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
