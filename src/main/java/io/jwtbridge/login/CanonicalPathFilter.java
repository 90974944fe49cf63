package io.jwtbridge.login;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with a plain 400, a login path whose raw form percent-encodes a character that needs no
 * encoding (RFC 3986 unreserved: letters, digits, {@code - . _ ~}) or a {@code /}: the container
 * decodes {@code /ui/login/login/jwt/%61uthorize} to the JWT handler, so a rule in front of the
 * bridge that is written on the raw path would not see it. Spring Security's firewall and Tomcat
 * already refuse {@code %2F}, {@code %2E}, {@code %25}, {@code ;} and {@code \}; this adds the rest.
 */
class CanonicalPathFilter extends OncePerRequestFilter {

    static final byte[] REFUSAL = "Bad request: the path percent-encodes a character that must be sent as it is.\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isCanonical(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/plain;charset=US-ASCII");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(REFUSAL.length);
        response.getOutputStream().write(REFUSAL);
    }

    /** No {@code %XX} that stands for an unreserved character or {@code /}, and no broken {@code %}. */
    static boolean isCanonical(String rawPath) {
        for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
            if (i + 2 >= rawPath.length()) {
                return false;
            }
            int high = Character.digit(rawPath.charAt(i + 1), 16);
            int low = Character.digit(rawPath.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return false;
            }
            char decoded = (char) (high * 16 + low);
            if (isUnreserved(decoded) || decoded == '/') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
