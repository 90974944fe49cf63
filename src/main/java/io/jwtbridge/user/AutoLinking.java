package io.jwtbridge.user;

import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.idp.AutoLinkingOption;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links an identity no user is linked to yet to the one existing user it names (ZITADEL's
 * automatic linking): by user name, or by an email that both the token and the user have verified.
 * Names and emails are compared ignoring case; zero or several candidates link nothing. The link is
 * one {@code INSERT ... ON CONFLICT DO NOTHING}, so the link's keys decide every race, and only a
 * link that was really written gets its audit event.
 */
@Component
class AutoLinking {

    /** What automatic linking found. */
    sealed interface Result {}

    record Linked(User user) implements Result {}

    /** The one candidate is deactivated: no link, and no new account for the same person either. */
    record Deactivated() implements Result {}

    /** No single candidate, or it is already linked to another identity of this IdP. */
    record NoCandidate() implements Result {}

    private final JdbcClient jdbc;
    private final AuditLog auditLog;

    AutoLinking(JdbcClient jdbc, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
    }

    Result link(String idpId, AutoLinkingOption option, String sub, UserProfile profile) {
        List<User> candidates = candidates(option, sub, profile);
        if (candidates.size() != 1) {
            return new NoCandidate();
        }
        User user = candidates.get(0);
        if (!user.active()) {
            return new Deactivated();
        }
        int inserted = jdbc.sql("""
                        insert into user_link (idp_id, external_user_id, user_id, provided_user_name, created_at, sequence)
                        values (:idp, :sub, :user, :provided, now(), 0)
                        on conflict do nothing
                        """)
                .param("idp", idpId)
                .param("sub", sub)
                .param("user", user.id())
                .param("provided", profile.preferredUsername())
                .update();
        if (inserted == 0) {
            return new NoCandidate();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("idpId", idpId);
        payload.put("externalUserId", sub);
        payload.put("userId", user.id());
        payload.put("userName", user.userName());
        payload.put("autoLinking", option.name());
        AuditEvent event = auditLog.append("user", user.id(), "user.idp.linked", "idp:" + idpId, payload);
        jdbc.sql("""
                        update user_link set created_at = :at, sequence = :sequence
                        where idp_id = :idp and external_user_id = :sub
                        """)
                .param("at", Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("idp", idpId)
                .param("sub", sub)
                .update();
        return new Linked(user);
    }

    private List<User> candidates(AutoLinkingOption option, String sub, UserProfile profile) {
        return switch (option) {
            // Only the token's preferred_username: an email or sub standing in for it would let an
            // unverified address take over the account that has it as its user name.
            case AUTO_LINKING_OPTION_USERNAME ->
                profile.preferredUsername() == null
                        ? List.of()
                        : jdbc.sql("select " + Users.COLUMNS
                                        + " from bridge_user where lower(user_name) = lower(:name) limit 2")
                                .param("name", profile.preferredUsername())
                                .query(Users::map)
                                .list();
            case AUTO_LINKING_OPTION_EMAIL ->
                verifiedEmail(profile)
                        .map(email -> jdbc.sql("select " + Users.COLUMNS
                                        + " from bridge_user where email_verified and lower(email) = lower(:email)"
                                        + " limit 2")
                                .param("email", email)
                                .query(Users::map)
                                .list())
                        .orElse(List.of());
            case AUTO_LINKING_OPTION_UNSPECIFIED -> List.of();
        };
    }

    /** The token's email, only when the token says it is verified. */
    private static Optional<String> verifiedEmail(UserProfile profile) {
        return Boolean.TRUE.equals(profile.emailVerified()) ? Optional.ofNullable(profile.email()) : Optional.empty();
    }
}
