package io.jwtbridge.login;

import io.jwtbridge.user.UserProfile;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Login flows whose unknown user must confirm the creation of an account (an IdP with creation
 * allowed but not automatic): STARTED → CONFIRMING (the token's subject and profile kept with the
 * flow) → VERIFIED (created) or REFUSED (cancelled). Each step is one conditional statement that
 * needs the browser's binding and the flow's one-time handle.
 */
@Repository
class PendingRegistrations {

    /** A flow waiting for its browser's answer. */
    record Pending(String flowId, String idpId, String redirectUri, String state, String sub, UserProfile profile) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    PendingRegistrations(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** STARTED → CONFIRMING with the handle's hash; false when somebody else won. */
    boolean await(String flowId, String handleHash, String sub, UserProfile profile) {
        return jdbc.sql("""
                        update login_flow set status = 'CONFIRMING', handle_hash = :handle, pending_sub = :sub,
                            pending_profile = :profile
                        where id = :id and status = 'STARTED' and expires_at > :now
                        """)
                        .param("handle", handleHash)
                        .param("sub", sub)
                        .param("profile", json.writeValueAsString(profile))
                        .param("id", flowId)
                        .param("now", Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }

    /** The pending flow of this browser and handle; with {@code lock}, locked until the transaction ends. */
    Optional<Pending> find(String flowId, String bindingHash, String handleHash, boolean lock) {
        return jdbc.sql("""
                        select id, idp_id, redirect_uri, state_param, pending_sub, pending_profile from login_flow
                        where id = :id and status = 'CONFIRMING' and expires_at > :now
                          and binding_hash = :binding and handle_hash = :handle
                        """ + (lock ? " for update" : ""))
                .param("id", flowId)
                .param("now", Timestamp.from(clock.instant()))
                .param("binding", bindingHash)
                .param("handle", handleHash)
                .query((rs, row) -> new Pending(
                        rs.getString("id"),
                        rs.getString("idp_id"),
                        rs.getString("redirect_uri"),
                        rs.getString("state_param"),
                        rs.getString("pending_sub"),
                        json.readValue(rs.getString("pending_profile"), UserProfile.class)))
                .optional();
    }

    /** CONFIRMING → VERIFIED for the created user, with a new handle for the callback. */
    void created(String flowId, String userId, String newHandleHash) {
        jdbc.sql("""
                        update login_flow set status = 'VERIFIED', user_id = :user, handle_hash = :handle,
                            pending_sub = null, pending_profile = null
                        where id = :id and status = 'CONFIRMING'
                        """)
                .param("user", userId)
                .param("handle", newHandleHash)
                .param("id", flowId)
                .update();
    }

    /** CONFIRMING → REFUSED; the profile is dropped. */
    void refused(String flowId, String reason) {
        jdbc.sql("""
                        update login_flow set status = 'REFUSED', error_description = :reason,
                            pending_sub = null, pending_profile = null
                        where id = :id and status = 'CONFIRMING'
                        """).param("reason", reason).param("id", flowId).update();
    }
}
