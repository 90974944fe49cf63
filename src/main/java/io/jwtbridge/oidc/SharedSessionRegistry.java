package io.jwtbridge.oidc;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The OpenID Connect session registry of the Authorization Server (the authorize endpoint's check
 * of the session and the check of RP-initiated logout), read from Spring Session's table that every
 * instance shares. The ID token's {@code sid} does not come from here but from the authorization
 * ({@link OidcSessions}).
 *
 * <p>The Authorization Server's default registry keeps every session it registers in memory until
 * a session-destroyed event, which Spring Session JDBC never publishes: it grew with every login
 * (and each token request scanned all sessions the user ever had on that instance), and it knew
 * only the sessions made on its own instance, so a code redeemed at another instance got an ID
 * token without {@code sid}. Here Spring Session is the registry: registering is a no-op, and a
 * session is looked up by its id or its user's name.
 */
final class SharedSessionRegistry implements SessionRegistry {

    private final JdbcClient jdbc;
    private final Clock clock;

    SharedSessionRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Object> getAllPrincipals() {
        throw new UnsupportedOperationException("sessions are found by user, not listed");
    }

    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        long now = clock.millis();
        return jdbc.sql("""
                        select session_id, last_access_time, expiry_time from spring_session
                        where principal_name = :name and (:expired or expiry_time > :now)
                        """)
                .param("name", nameOf(principal))
                .param("expired", includeExpiredSessions)
                .param("now", now)
                .query((rs, row) -> {
                    SessionInformation session = new SessionInformation(
                            principal, rs.getString("session_id").trim(), new Date(rs.getLong("last_access_time")));
                    if (rs.getLong("expiry_time") <= now) {
                        session.expireNow();
                    }
                    return session;
                })
                .list();
    }

    /**
     * The current request's own session exists (the Authorization Server asks before registering
     * it at every authorize request): answered without a read. Any other session is read.
     */
    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        HttpSession current = currentSession();
        if (current != null && current.getId().equals(sessionId)) {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null) {
                return new SessionInformation(authentication.getPrincipal(), sessionId, Date.from(clock.instant()));
            }
        }
        return jdbc.sql("select principal_name, last_access_time from spring_session where session_id = :id")
                .param("id", sessionId)
                .query((rs, row) -> new SessionInformation(
                        rs.getString("principal_name"), sessionId, new Date(rs.getLong("last_access_time"))))
                .optional()
                .orElse(null);
    }

    /** Spring Session refreshes a session's last access itself. */
    @Override
    public void refreshLastRequest(String sessionId) {}

    /** Spring Session stores every session itself. */
    @Override
    public void registerNewSession(String sessionId, Object principal) {}

    /** Spring Session deletes sessions itself (logout, expiry). */
    @Override
    public void removeSessionInformation(String sessionId) {}

    private static HttpSession currentSession() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getSession(false)
                : null;
    }

    private static String nameOf(Object principal) {
        if (principal instanceof Principal named) {
            return named.getName();
        }
        if (principal instanceof org.springframework.security.core.userdetails.UserDetails user) {
            return user.getUsername();
        }
        return principal.toString();
    }
}
