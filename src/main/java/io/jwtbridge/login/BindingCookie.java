package io.jwtbridge.login;

import io.jwtbridge.BridgeProperties;
import io.jwtbridge.Ids;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * The cookie that binds a login flow to the browser that started it: HttpOnly, SameSite=Lax, and
 * {@code __Host-} + Secure whenever the issuer is https. One value per browser, reused by every
 * flow it starts, so parallel logins in tabs do not break each other.
 */
@Component
class BindingCookie {

    private final String name;
    private final boolean secure;

    BindingCookie(BridgeProperties properties) {
        this.secure = "https".equalsIgnoreCase(properties.issuer().getScheme());
        this.name = secure ? "__Host-jwtbridge-binding" : "jwtbridge-binding";
    }

    Optional<String> value(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && Secrets.wellFormed(cookie.getValue())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** This browser's binding, set now (for the flow's lifetime) when it has none. */
    String valueOrNew(HttpServletRequest request, HttpServletResponse response) {
        String value = value(request).orElseGet(Ids::secret);
        ResponseCookie cookie = ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .maxAge(LoginFlows.LIFETIME.multipliedBy(3))
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
        return value;
    }
}
