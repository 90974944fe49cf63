package io.jwtbridge.login;

import io.jwtbridge.web.DatabaseUnavailable;
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
        response.setHeader("Cache-Control", "no-store");
        ModelAndView page = new ModelAndView("login-error");
        if (DatabaseUnavailable.in(ex)) {
            log.warn("Database unavailable on a login page, answered 503");
            response.setHeader("Retry-After", "1");
            page.addObject("message", "The service is busy for a moment. Go back and try again.");
            page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
            return page;
        }
        log.error("Unexpected error on a login page", ex);
        page.addObject("message", "Something went wrong on our side. Start again from the application.");
        page.setStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        return page;
    }
}
