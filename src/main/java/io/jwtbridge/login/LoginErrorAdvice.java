package io.jwtbridge.login;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** Browsers on the login pages get the login error page, never the admin API's JSON errors. */
@ControllerAdvice(
        assignableTypes = {JwtLoginController.class, LoginPageController.class, RegistrationConfirmationController.class
        })
@Order(Ordered.HIGHEST_PRECEDENCE)
class LoginErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(LoginErrorAdvice.class);

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception ex, HttpServletResponse response) {
        log.error("Unexpected error on a login page", ex);
        response.setHeader("Cache-Control", "no-store");
        ModelAndView page = new ModelAndView("login-error");
        page.addObject("message", "Something went wrong on our side. Start again from the application.");
        page.setStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        return page;
    }
}
