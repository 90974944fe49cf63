package io.jwtbridge.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The confirmation page's form: "Create my account" or "Cancel". */
@Controller
class RegistrationConfirmationController {

    static final String PATH = "/ui/login/login/jwt/confirm";

    private final RegistrationConfirmation confirmation;
    private final BindingCookie bindingCookie;

    RegistrationConfirmationController(RegistrationConfirmation confirmation, BindingCookie bindingCookie) {
        this.confirmation = confirmation;
        this.bindingCookie = bindingCookie;
    }

    @PostMapping(PATH)
    ModelAndView answer(
            @RequestParam(name = "authRequestID", required = false) String flowId,
            @RequestParam(name = "handle", required = false) String handle,
            @RequestParam(name = "action", required = false) String action,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Optional<String> binding = bindingCookie.value(request);
        JwtLogin.Answer answer;
        if ("create".equals(action)) {
            answer = confirmation.create(flowId, handle, binding);
        } else if ("cancel".equals(action)) {
            answer = confirmation.cancel(flowId, handle, binding);
        } else {
            answer = new JwtLogin.ErrorPage(400, JwtLogin.UNKNOWN_FLOW);
        }
        if (answer instanceof JwtLogin.Redirect redirect) {
            // 303: the browser follows with a GET (the callback, or the app's redirect_uri).
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", redirect.location());
            return null;
        }
        return JwtLoginController.render(answer, response);
    }
}
