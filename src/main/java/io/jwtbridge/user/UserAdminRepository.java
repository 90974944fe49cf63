package io.jwtbridge.user;

import io.jwtbridge.audit.AuditEvent;
import io.jwtbridge.web.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The admin side's SQL on {@code bridge_user} and {@code user_link}: search, links, state changes
 * and removals. Logins read through {@link Users} and write through {@link UserProvisioning}.
 */
@Repository
class UserAdminRepository {

    private final JdbcClient jdbc;

    UserAdminRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A link of a user to an identity at an IdP. */
    record Link(
            String idpId,
            String userId,
            String externalUserId,
            String providedUserName,
            Instant createdAt,
            long sequence) {}

    /** The user's state, the user locked until the end of the transaction. */
    Optional<String> stateForUpdate(String userId) {
        return jdbc.sql("select state from bridge_user where id = :id for update")
                .param("id", userId)
                .query(String.class)
                .optional();
    }

    void changeState(String userId, String state, AuditEvent event) {
        jdbc.sql("update bridge_user set state = :state, changed_at = :at, sequence = :sequence where id = :id")
                .param("state", state)
                .param("at", Timestamp.from(event.createdAt()))
                .param("sequence", event.sequence())
                .param("id", userId)
                .update();
    }

    /** Removes the user; its links cascade. */
    void delete(String userId) {
        jdbc.sql("delete from bridge_user where id = :id").param("id", userId).update();
    }

    /** Whether the link existed. */
    boolean deleteLink(String userId, String idpId, String externalUserId) {
        return jdbc.sql("""
                        delete from user_link where user_id = :user and idp_id = :idp and external_user_id = :external
                        """)
                        .param("user", userId)
                        .param("idp", idpId)
                        .param("external", externalUserId)
                        .update()
                > 0;
    }

    /** The user's links, oldest first. */
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

    long count(UserSearch.Where where) {
        return jdbc.sql("select count(*) from bridge_user where " + where.sql())
                .params(where.parameters())
                .query(Long.class)
                .single();
    }

    List<User> page(UserSearch.Where where, Paging paging) {
        return jdbc.sql("select " + Users.COLUMNS + " from bridge_user where " + where.sql() + " order by "
                        + paging.orderBy("created_at", "id") + " offset :offset limit :limit")
                .params(where.parameters())
                .param("offset", paging.offset())
                .param("limit", paging.limit())
                .query(Users::map)
                .list();
    }
}
