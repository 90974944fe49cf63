package io.jwtbridge.login;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What an OIDC authorize request says about the sign-in it wants (OpenID Connect Core §3.1.2.1):
 * {@code prompt=login} and {@code max_age} ask for a sign-in newer than the browser's session at the
 * bridge, so the login goes through the WAF again; {@code prompt=none} forbids any login page or
 * redirect, so a browser without a usable session gets {@code login_required} at the app.
 *
 * @param prompts the {@code prompt} values
 * @param maxAge {@code max_age}, when given; a value that is not a non-negative number counts as 0
 */
public record AuthenticationRequest(Set<String> prompts, Optional<Duration> maxAge) {

    public static AuthenticationRequest of(HttpServletRequest request) {
        String prompt = request.getParameter("prompt");
        Set<String> prompts = prompt == null
                ? Set.of()
                : Arrays.stream(prompt.trim().split(" +"))
                        .filter(p -> !p.isEmpty())
                        .collect(Collectors.toSet());
        String maxAge = request.getParameter("max_age");
        return new AuthenticationRequest(prompts, maxAge == null ? Optional.empty() : Optional.of(seconds(maxAge)));
    }

    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
        } catch (NumberFormatException ex) {
            return Duration.ZERO;
        }
    }

    /** {@code prompt=none}: the app wants an answer without any login step. */
    public boolean promptNone() {
        return prompts.contains("none");
    }

    /**
     * Whether the browser's existing session may answer this request: not when the app asks for a
     * new sign-in ({@code prompt=login}), nor when the session's sign-in is older than
     * {@code max_age} (or its time is unknown).
     */
    public boolean sessionMayAnswer(Authentication session, Instant now) {
        if (prompts.contains("login")) {
            return false;
        }
        if (maxAge.isEmpty()) {
            return true;
        }
        return signedInAt(session)
                .map(at -> Duration.between(at, now).compareTo(maxAge.get()) <= 0)
                .orElse(false);
    }

    private static Optional<Instant> signedInAt(Authentication session) {
        return session.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .map(authority -> ((FactorGrantedAuthority) authority).getIssuedAt())
                .max(Instant::compareTo);
    }
}
