package io.jwtbridge.oidc;

import io.jwtbridge.Ids;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The OpenID Connect session an authorization belongs to: the browser session whose authorize
 * request issued the code. Its {@code sid} (the SHA-256 of the session id, as the Authorization
 * Server's logout endpoint checks it) is kept in the authorization, so every ID token of that
 * grant names that session; the Authorization Server itself would name the user's most recently
 * used session, which may be another browser's.
 */
final class OidcSessions {

    /** The authorization attribute that holds the {@code sid}. */
    static final String SID = "jwtbridge.sid";

    private OidcSessions() {}

    /** The authorization with the current request's session as its {@code sid}, if it has none yet. */
    static OAuth2Authorization withCurrentSession(OAuth2Authorization authorization) {
        if (authorization.getAttribute(SID) != null
                || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
            return authorization;
        }
        HttpSession session = request.getRequest().getSession(false);
        return session == null
                ? authorization
                : OAuth2Authorization.from(authorization)
                        .attribute(SID, sid(session.getId()))
                        .build();
    }

    /** The {@code sid} of a session id: base64url(SHA-256(id)), as the logout endpoint computes it. */
    static String sid(String sessionId) {
        return Ids.sha256(sessionId);
    }
}
