package io.jwtbridge.user;

import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.web.ApiException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admin's rules for users and links: state transitions and removals, each with an audit event. */
@Service
class UserAdministration {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;

    UserAdministration(JdbcClient jdbc, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
    }

    record Link(
            String idpId,
            String userId,
            String externalUserId,
            String providedUserName,
            java.time.Instant createdAt,
            long sequence) {}

    @Transactional
    AuditEvent changeState(String userId, boolean activate, String editor) {
        String state = lock(userId);
        String wanted = activate ? User.ACTIVE : User.INACTIVE;
        if (state.equals(wanted)) {
            throw ApiException.failedPrecondition(
                    activate ? "USER-NotInactive" : "USER-NotActive",
                    activate ? "user is not inactive" : "user is not active");
        }
        AuditEvent event =
                auditLog.append("user", userId, activate ? "user.reactivated" : "user.deactivated", editor, Map.of());
        jdbc.sql("update bridge_user set state = :state, changed_at = :at, sequence = :sequence where id = :id")
                .param("state", wanted)
                .param("at", Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("id", userId)
                .update();
        if (!activate) {
            endSessionsAndGrants(userId);
        }
        return event;
    }

    /** A deactivated or removed user's sessions and grants (refresh and access tokens) end at once. */
    private void endSessionsAndGrants(String userId) {
        jdbc.sql("delete from oauth2_authorization where principal_name = :id")
                .param("id", userId)
                .update();
        jdbc.sql("delete from spring_session where principal_name = :id")
                .param("id", userId)
                .update();
    }

    @Transactional
    AuditEvent remove(String userId, String editor) {
        lock(userId);
        AuditEvent event = auditLog.append("user", userId, "user.removed", editor, Map.of());
        endSessionsAndGrants(userId);
        jdbc.sql("delete from bridge_user where id = :id").param("id", userId).update();
        return event;
    }

    @Transactional
    AuditEvent removeLink(String userId, String idpId, String externalUserId, String editor) {
        lock(userId);
        int removed = jdbc.sql("""
                        delete from user_link where user_id = :user and idp_id = :idp and external_user_id = :external
                        """)
                .param("user", userId)
                .param("idp", idpId)
                .param("external", externalUserId)
                .update();
        if (removed == 0) {
            throw ApiException.notFound("USER-LinkNotFound", "link not found");
        }
        return auditLog.append(
                "user",
                userId,
                "user.idp.link.removed",
                editor,
                Map.of("idpId", idpId, "externalUserId", externalUserId));
    }

    @Transactional(readOnly = true)
    List<Link> links(String userId) {
        return jdbc.sql("select * from user_link where user_id = :id order by created_at, idp_id")
                .param("id", userId)
                .query((rs, row) -> new Link(
                        rs.getString("idp_id"),
                        rs.getString("user_id"),
                        rs.getString("external_user_id"),
                        rs.getString("provided_user_name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getLong("sequence")))
                .list();
    }

    @Transactional(readOnly = true)
    List<User> search(String userName, String email, long offset, int limit, boolean ascending) {
        String direction = ascending ? "asc" : "desc";
        return jdbc.sql("select " + Users.COLUMNS + " from bridge_user " + where() + " order by created_at " + direction
                        + ", id " + direction + " offset :offset limit :limit")
                .param("userName", userName)
                .param("email", email)
                .param("offset", offset)
                .param("limit", limit)
                .query(Users::map)
                .list();
    }

    @Transactional(readOnly = true)
    long count(String userName, String email) {
        return jdbc.sql("select count(*) from bridge_user " + where())
                .param("userName", userName)
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private static String where() {
        return "where (cast(:userName as text) is null or user_name = :userName) "
                + "and (cast(:email as text) is null or lower(email) = lower(:email))";
    }

    private String lock(String userId) {
        return jdbc.sql("select state from bridge_user where id = :id for update")
                .param("id", userId)
                .query(String.class)
                .optional()
                .orElseThrow(UserAdministration::notFound);
    }

    static ApiException notFound() {
        return ApiException.notFound("USER-NotFound", "user not found");
    }
}
