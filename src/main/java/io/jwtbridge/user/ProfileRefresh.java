package io.jwtbridge.user;

import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refreshes a user's profile from the claims of a login (the IdP's automatic update): an absent
 * claim keeps the stored value; the user name is not changed.
 */
@Component
class ProfileRefresh {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;

    ProfileRefresh(JdbcClient jdbc, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
    }

    /** The stored profile after a login's claims: the values, and what changed (empty: nothing). */
    private record Refreshed(
            Map<String, Object> changes,
            String given,
            String family,
            String display,
            String nick,
            String locale,
            String email,
            String phone,
            boolean verified) {}

    private static Refreshed refreshed(User user, UserProfile profile) {
        Map<String, Object> changes = new LinkedHashMap<>();
        String given = changed(changes, "givenName", user.givenName(), profile.givenName());
        String family = changed(changes, "familyName", user.familyName(), profile.familyName());
        String display = changed(changes, "displayName", user.displayName(), profile.name());
        String nick = changed(changes, "nickName", user.nickName(), profile.nickname());
        String locale = changed(changes, "preferredLanguage", user.preferredLanguage(), profile.locale());
        String email = changed(changes, "email", user.email(), profile.email());
        String phone = changed(changes, "phone", user.phone(), profile.phoneNumber());
        boolean verified = verifiedAfter(user, email, profile.emailVerified(), profile.email());
        if (verified != user.emailVerified()) {
            changes.put("emailVerified", verified);
        }
        return new Refreshed(changes, given, family, display, nick, locale, email, phone, verified);
    }

    /** Whether a refresh with these claims would leave the stored profile as it is. */
    static boolean leavesAsIs(User user, UserProfile profile) {
        return refreshed(user, profile).changes().isEmpty();
    }

    User refresh(User user, String idpId, UserProfile profile) {
        Refreshed after = refreshed(user, profile);
        if (after.changes().isEmpty()) {
            return user;
        }
        AuditEvent event = auditLog.append("user", user.id(), "user.profile.changed", "idp:" + idpId, after.changes());
        jdbc.sql("""
                        update bridge_user set given_name = :given, family_name = :family, display_name = :display,
                            nick_name = :nick, preferred_language = :locale, email = :email, email_verified = :verified,
                            phone = :phone, changed_at = :at, sequence = :sequence
                        where id = :id
                        """)
                .param("given", after.given())
                .param("family", after.family())
                .param("display", after.display())
                .param("nick", after.nick())
                .param("locale", after.locale())
                .param("email", after.email())
                .param("verified", after.verified())
                .param("phone", after.phone())
                .param("at", java.sql.Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("id", user.id())
                .update();
        return new User(
                user.id(),
                user.state(),
                user.userName(),
                after.given(),
                after.family(),
                after.display(),
                after.nick(),
                after.locale(),
                after.email(),
                after.verified(),
                after.phone(),
                user.createdAt(),
                event.createdAt(),
                event.sequence());
    }

    /**
     * The token's {@code email_verified} when it has one; without it, the stored flag holds only for
     * the stored address: a changed email is unverified until a token says otherwise, so a verified
     * {@code a@corp} never makes a later {@code victim@corp} verified.
     */
    private static boolean verifiedAfter(User user, String email, Boolean claimed, String claimedEmail) {
        if (claimed != null && claimedEmail != null) {
            return claimed;
        }
        // No claim, or a claim without the address it is about: a verified flag never moves to an
        // address no token said was verified.
        return user.emailVerified() && Objects.equals(email, user.email()) && !Boolean.FALSE.equals(claimed);
    }

    private static String changed(Map<String, Object> changes, String field, String stored, String claimed) {
        if (claimed == null || claimed.equals(stored)) {
            return stored;
        }
        changes.put(field, claimed);
        return claimed;
    }
}
