package io.jwtbridge.user;

import io.jwtbridge.Ids;
import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the user linked to (IdP, sub), or registers one when the IdP allows it (DESIGN §7 step 5).
 *
 * <p>Rules: a user is only ever found through its link, never by user name or email (no account
 * takeover through a matching claim). Concurrent first logins of one {@code sub} are serialised by
 * a transaction-scoped advisory lock on (IdP, sub), and the link's primary key is the backstop.
 * User names are unique: {@code preferred_username}, else {@code email}, else {@code sub}; when that
 * name belongs to another user, the new user gets it with {@code #} and the first 6 digits of a
 * random number appended. The profile is refreshed from the claims on every login; an absent claim
 * keeps the stored value; the user name is not changed after registration.
 */
@Service
public class UserProvisioning {

    private final JdbcClient jdbc;
    private final Users users;
    private final AuditLog auditLog;

    UserProvisioning(JdbcClient jdbc, Users users, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.users = users;
        this.auditLog = auditLog;
    }

    /** The result of a login: the user, or why there is none. */
    public record Outcome(User user, String refusal) {

        static Outcome refused(String refusal) {
            return new Outcome(null, refusal);
        }

        public boolean succeeded() {
            return user != null;
        }
    }

    @Transactional
    public Outcome signIn(String idpId, boolean autoRegister, String sub, UserProfile profile) {
        Optional<User> linked = users.findLinked(idpId, sub);
        if (linked.isEmpty()) {
            if (!autoRegister) {
                return Outcome.refused("no user is linked to this identity and the IdP does not register users");
            }
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", idpId + ":" + sub)
                    .query()
                    .singleRow();
            linked = users.findLinked(idpId, sub);
            if (linked.isEmpty()) {
                User registered = register(idpId, sub, profile);
                return new Outcome(registered, null);
            }
        }
        User user = linked.get();
        if (!user.active()) {
            return Outcome.refused("the user is deactivated");
        }
        return new Outcome(refresh(user, idpId, profile), null);
    }

    private User register(String idpId, String sub, UserProfile profile) {
        String id = Ids.next();
        String wanted = firstOf(profile.preferredUsername(), profile.email(), sub);
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
        loginEvent(id, idpId);
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
                Boolean.TRUE.equals(profile.emailVerified()),
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
                .param("verified", Boolean.TRUE.equals(profile.emailVerified()))
                .param("phone", profile.phoneNumber())
                .param("at", java.sql.Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .update();
    }

    private User refresh(User user, String idpId, UserProfile profile) {
        Map<String, Object> changes = new LinkedHashMap<>();
        String given = changed(changes, "givenName", user.givenName(), profile.givenName());
        String family = changed(changes, "familyName", user.familyName(), profile.familyName());
        String display = changed(changes, "displayName", user.displayName(), profile.name());
        String nick = changed(changes, "nickName", user.nickName(), profile.nickname());
        String locale = changed(changes, "preferredLanguage", user.preferredLanguage(), profile.locale());
        String email = changed(changes, "email", user.email(), profile.email());
        String phone = changed(changes, "phone", user.phone(), profile.phoneNumber());
        boolean verified = verifiedAfter(user, email, profile.emailVerified());
        if (verified != user.emailVerified()) {
            changes.put("emailVerified", verified);
        }
        loginEvent(user.id(), idpId);
        if (changes.isEmpty()) {
            return user;
        }
        AuditEvent event = auditLog.append("user", user.id(), "user.profile.changed", "idp:" + idpId, changes);
        jdbc.sql("""
                        update bridge_user set given_name = :given, family_name = :family, display_name = :display,
                            nick_name = :nick, preferred_language = :locale, email = :email, email_verified = :verified,
                            phone = :phone, changed_at = :at, sequence = :sequence
                        where id = :id
                        """)
                .param("given", given)
                .param("family", family)
                .param("display", display)
                .param("nick", nick)
                .param("locale", locale)
                .param("email", email)
                .param("verified", verified)
                .param("phone", phone)
                .param("at", java.sql.Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("id", user.id())
                .update();
        return new User(
                user.id(),
                user.state(),
                user.userName(),
                given,
                family,
                display,
                nick,
                locale,
                email,
                verified,
                phone,
                user.createdAt(),
                event.createdAt(),
                event.sequence());
    }

    private AuditEvent loginEvent(String userId, String idpId) {
        return auditLog.append("user", userId, "user.login.succeeded", "idp:" + idpId, Map.of("idpId", idpId));
    }

    /**
     * The token's {@code email_verified} when it has one; without it, the stored flag holds only for
     * the stored address: a changed email is unverified until a token says otherwise, so a verified
     * {@code a@corp} never makes a later {@code victim@corp} verified.
     */
    private static boolean verifiedAfter(User user, String email, Boolean claimed) {
        if (claimed != null) {
            return claimed;
        }
        return user.emailVerified() && Objects.equals(email, user.email());
    }

    private static String changed(Map<String, Object> changes, String field, String stored, String claimed) {
        if (claimed == null || claimed.equals(stored)) {
            return stored;
        }
        changes.put(field, claimed);
        return claimed;
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalArgumentException("sub is required");
    }
}
