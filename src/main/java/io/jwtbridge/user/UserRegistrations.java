package io.jwtbridge.user;

import io.jwtbridge.Ids;
import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registers a user for an identity and links it (docs/login-flow.md step 5). User names are unique:
 * {@code preferred_username}, else {@code email}, else {@code sub}; when that name belongs to another
 * user, the new user gets it with {@code #} and the first 6 digits of a random number appended.
 * Runs in the caller's transaction, under its lock on (IdP, sub).
 */
@Component
class UserRegistrations {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;

    UserRegistrations(JdbcClient jdbc, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
    }

    User register(String idpId, String sub, UserProfile profile) {
        String id = Ids.next();
        String wanted = UserProfile.wantedUserName(sub, profile);
        AuditEvent event = auditLog.append(
                "user", id, "user.registered", "idp:" + idpId, Map.of("idpId", idpId, "userName", wanted));
        String userName = wanted;
        int inserted = insertUser(id, userName, profile, event);
        while (inserted == 0) {
            userName = wanted + "#"
                    + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            inserted = insertUser(id, userName, profile, event);
        }
        AuditEvent linked = auditLog.append(
                "user", id, "user.idp.linked", "idp:" + idpId, Map.of("idpId", idpId, "externalUserId", sub));
        jdbc.sql("""
                        insert into user_link (idp_id, external_user_id, user_id, provided_user_name, created_at, sequence)
                        values (:idp, :sub, :user, :provided, :at, :sequence)
                        """)
                .param("idp", idpId)
                .param("sub", sub)
                .param("user", id)
                .param("provided", profile.preferredUsername())
                .param("at", java.sql.Timestamp.from(linked.createdAt()))
                .param("sequence", linked.sequence())
                .update();
        return new User(
                id,
                User.ACTIVE,
                userName,
                profile.givenName(),
                profile.familyName(),
                profile.name(),
                profile.nickname(),
                profile.locale(),
                profile.email(),
                Boolean.TRUE.equals(profile.emailVerified()) && profile.email() != null,
                profile.phoneNumber(),
                event.createdAt(),
                event.createdAt(),
                event.sequence());
    }

    private int insertUser(String id, String userName, UserProfile profile, AuditEvent event) {
        return jdbc.sql("""
                        insert into bridge_user (id, state, user_name, given_name, family_name, display_name, nick_name,
                            preferred_language, email, email_verified, phone, created_at, changed_at, sequence)
                        values (:id, 'USER_STATE_ACTIVE', :userName, :given, :family, :display, :nick, :locale,
                            :email, :verified, :phone, :at, :at, :sequence)
                        on conflict (user_name) do nothing
                        """)
                .param("id", id)
                .param("userName", userName)
                .param("given", profile.givenName())
                .param("family", profile.familyName())
                .param("display", profile.name())
                .param("nick", profile.nickname())
                .param("locale", profile.locale())
                .param("email", profile.email())
                .param("verified", Boolean.TRUE.equals(profile.emailVerified()) && profile.email() != null)
                .param("phone", profile.phoneNumber())
                .param("at", java.sql.Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .update();
    }
}
