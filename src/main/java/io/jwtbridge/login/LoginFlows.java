package io.jwtbridge.login;

import io.jwtbridge.RecentEntries;
import io.jwtbridge.audit.AuditLog;
import io.jwtbridge.idp.IdpState;
import io.jwtbridge.user.User;
import io.jwtbridge.user.UserProvisioning;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The login flow store. Every state change is one conditional UPDATE, so a flow moves
 * STARTED → VERIFIED → CONSUMED (or STARTED → REFUSED) exactly once, whichever instance and
 * however many requests race for it.
 *
 * <p>A flow's data never changes after its insert, so the instance that started it keeps it for its
 * JWT handler ({@link #findStarted}) instead of reading it back: at most {@value #MAX_RECENT}
 * flows, none older than {@link #LIFETIME}, each dropped when this instance moves it on. Only a
 * shortcut: the state is still decided by the conditional UPDATE that follows.
 */
@Repository
class LoginFlows {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    static final int MAX_RECENT = 2_000;

    /** STARTED → VERIFIED, with the user and the handle's hash; ends in its WHERE clause. */
    private static final String VERIFY_SQL = "update login_flow set status = 'VERIFIED', user_id = :user,"
            + " handle_hash = :handle where id = :id and status = 'STARTED' and expires_at > :now";

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final UserProvisioning provisioning;
    private final Clock clock;
    private final RecentEntries<String, LoginFlow> recent;

    LoginFlows(JdbcClient jdbc, AuditLog auditLog, UserProvisioning provisioning, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.provisioning = provisioning;
        this.clock = clock;
        this.recent = new RecentEntries<>(MAX_RECENT, clock);
    }

    void start(
            String id,
            String idpId,
            String authorizeQuery,
            String clientId,
            String redirectUri,
            String state,
            String bindingHash) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into login_flow (id, idp_id, authorize_query, client_id, redirect_uri, state_param,
                            binding_hash, status, created_at, expires_at)
                        values (:id, :idp, :query, :client, :redirect, :state, :binding, 'STARTED', :now, :expires)
                        """)
                .param("id", id)
                .param("idp", idpId)
                .param("query", authorizeQuery)
                .param("client", clientId)
                .param("redirect", redirectUri)
                .param("state", state)
                .param("binding", bindingHash)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(LIFETIME)))
                .update();
        recent.put(
                id, new LoginFlow(id, idpId, authorizeQuery, clientId, redirectUri, state, null), now.plus(LIFETIME));
    }

    /** A flow the WAF may still hand a token to: STARTED and not expired. */
    Optional<LoginFlow> findStarted(String id) {
        Optional<LoginFlow> known = recent.get(id);
        if (known.isPresent()) {
            return known;
        }
        return jdbc.sql("select * from login_flow where id = :id and status = 'STARTED' and expires_at > :now")
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .query(LoginFlows::map)
                .optional();
    }

    /**
     * STARTED → VERIFIED with the user and the handle's hash; false when somebody else won. The
     * sign-in's pending audit event is written by the same statement (one round trip for both).
     */
    boolean verify(String id, String userId, String handleHash) {
        recent.remove(id);
        return auditLog.updateWithPendingEvents(VERIFY_SQL, verifyParams(id, userId, handleHash)) == 1;
    }

    private Map<String, Object> verifyParams(String id, String userId, String handleHash) {
        return Map.of("user", userId, "handle", handleHash, "id", id, "now", Timestamp.from(clock.instant()));
    }

    /**
     * STARTED → VERIFIED for a returning user, in one statement with the user's sign-in
     * ({@link UserProvisioning#signInReturning}); false when the flow was not STARTED any more or
     * the user is not as this instance knows it (then nothing was written).
     */
    boolean verifyReturning(String id, UserProvisioning.Returning user, String handleHash) {
        boolean verified = provisioning.signInReturning(user, VERIFY_SQL, verifyParams(id, user.userId(), handleHash));
        if (verified) {
            recent.remove(id);
        }
        return verified;
    }

    /** STARTED → REFUSED; false when the flow was not STARTED any more. */
    boolean refuse(String id, String reason) {
        recent.remove(id);
        return jdbc.sql("""
                        update login_flow set status = 'REFUSED', error_description = :reason
                        where id = :id and status = 'STARTED'
                        """).param("reason", reason).param("id", id).update() == 1;
    }

    /**
     * VERIFIED → CONSUMED, only for the browser that started the flow (binding) and holds the
     * handle the WAF's answer carried, and only while its user and IdP are active; empty for
     * anything else.
     */
    Optional<LoginFlow> consume(String id, String bindingHash, String handleHash) {
        return jdbc.sql("""
                        update login_flow set status = 'CONSUMED'
                        where id = :id and status = 'VERIFIED' and expires_at > :now
                          and binding_hash = :binding and handle_hash = :handle
                          and exists (select 1 from bridge_user u where u.id = login_flow.user_id and u.state = :active)
                          and exists (select 1 from jwt_idp i where i.id = login_flow.idp_id and i.state = :idpActive)
                        returning *
                        """)
                .param("active", User.ACTIVE)
                .param("idpActive", IdpState.IDP_STATE_ACTIVE.name())
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .param("binding", bindingHash)
                .param("handle", handleHash)
                .query(LoginFlows::map)
                .optional();
    }

    private static LoginFlow map(ResultSet rs, int row) throws SQLException {
        return new LoginFlow(
                rs.getString("id"),
                rs.getString("idp_id"),
                rs.getString("authorize_query"),
                rs.getString("client_id"),
                rs.getString("redirect_uri"),
                rs.getString("state_param"),
                rs.getString("user_id"));
    }
}
