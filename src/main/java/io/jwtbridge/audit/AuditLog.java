package io.jwtbridge.audit;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only event log. Every change appends one event in the transaction of the change, so
 * the change and its event commit together; the event's sequence is the change's
 * {@code details.sequence}.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final String instanceId;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.instanceId =
                jdbc.sql("select id from bridge_instance").query(String.class).single();
    }

    /** The id of this bridge instance: the resource owner of everything it holds. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Appends an event; must run inside the transaction of the change it records.
     *
     * @param payload what changed; never a secret or token
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEvent append(
            String aggregateType, String aggregateId, String eventType, String editor, Map<String, ?> payload) {
        return jdbc.sql("""
                        insert into audit_event (aggregate_type, aggregate_id, event_type, editor, resource_owner, payload)
                        values (:aggregateType, :aggregateId, :eventType, :editor, :resourceOwner, cast(:payload as jsonb))
                        returning sequence, created_at
                        """)
                .param("aggregateType", aggregateType)
                .param("aggregateId", aggregateId)
                .param("eventType", eventType)
                .param("editor", editor)
                .param("resourceOwner", instanceId)
                .param("payload", json.writeValueAsString(payload))
                .query((rs, row) -> new AuditEvent(
                        rs.getLong("sequence"),
                        rs.getTimestamp("created_at").toInstant(),
                        aggregateType,
                        aggregateId,
                        eventType,
                        editor,
                        instanceId))
                .single();
    }

    /** The sequence of the newest event, 0 when there is none. */
    public long latestSequence() {
        return jdbc.sql("select coalesce(max(sequence), 0) from audit_event")
                .query(Long.class)
                .single();
    }
}
