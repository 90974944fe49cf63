package io.jwtbridge.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only event log. Every change appends one event in the transaction of the change, so
 * the change and its event commit together; the event's sequence is the change's
 * {@code details.sequence}.
 *
 * <p>An event whose sequence nobody needs (a login's) may instead be left pending
 * ({@link #appendWithNextChange}): the transaction's next change statement that takes it
 * ({@link #updateWithPendingEvents}) writes it in the same statement, one round trip fewer;
 * without one, it is written on its own just before the commit. Either way it commits with the
 * change, or not at all.
 */
@Component
public class AuditLog {

    private static final String INSERT_INTO = """
            insert into audit_event (aggregate_type, aggregate_id, event_type, editor, resource_owner, payload)
            """;

    /** One event's values, its parameters named after {@code %1$s}. */
    private static final String VALUES_OF_ONE = "(:%1$sAggregateType, :%1$sAggregateId, :%1$sEventType, :%1$sEditor,"
            + " :%1$sResourceOwner, cast(:%1$sPayload as jsonb))";

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
     * Appends an event; must run inside the transaction of the change it records. Events left
     * pending in this transaction are written first, so the sequences keep the order of the calls.
     *
     * @param payload what changed; never a secret or token
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEvent append(
            String aggregateType, String aggregateId, String eventType, String editor, Map<String, ?> payload) {
        writePending();
        Map<String, Object> params = new LinkedHashMap<>();
        String values = values(List.of(pending(aggregateType, aggregateId, eventType, editor, payload)), params);
        return jdbc.sql(INSERT_INTO + values + " returning sequence, created_at")
                .params(params)
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

    /**
     * Appends an event whose sequence the caller does not need, in the current transaction: the
     * transaction's next {@link #updateWithPendingEvents} writes it, else it is written on its own
     * just before the commit (never, when the transaction rolls back).
     *
     * @param payload what changed; never a secret or token
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendWithNextChange(
            String aggregateType, String aggregateId, String eventType, String editor, Map<String, ?> payload) {
        pending().add(pending(aggregateType, aggregateId, eventType, editor, payload));
    }

    /**
     * Runs the change statement {@code sql} (an INSERT, UPDATE or DELETE with named parameters and
     * without a {@code WITH} of its own) and writes the transaction's pending events in the same
     * statement; without pending events, or outside a transaction, it runs alone.
     *
     * @return the number of rows the change touched
     */
    public int updateWithPendingEvents(String sql, Map<String, ?> params) {
        refuseOwnWith(sql);
        List<Pending> events = takePending();
        if (events.isEmpty()) {
            return jdbc.sql(sql).params(params).update();
        }
        Map<String, Object> all = new LinkedHashMap<>(params);
        return jdbc.sql("with written_audit_events as (" + INSERT_INTO + values(events, all) + ")\n" + sql)
                .params(all)
                .update();
    }

    /**
     * Runs the change statement {@code sql} (an INSERT, UPDATE or DELETE with named parameters and
     * without a {@code WITH} or {@code RETURNING} of its own) and appends the event in the same
     * statement only when the change touched a row: one round trip, and no event for a change that
     * did not happen. Outside a transaction the statement commits on its own. Events left pending
     * in the current transaction are written first.
     *
     * @param payload what changed; never a secret or token
     * @return the number of rows the change touched (and events appended)
     */
    public int changeWithEvent(
            String sql,
            Map<String, ?> params,
            String aggregateType,
            String aggregateId,
            String eventType,
            String editor,
            Map<String, ?> payload) {
        refuseOwnWith(sql);
        writePending();
        Map<String, Object> all = new LinkedHashMap<>(params);
        String values = values(List.of(pending(aggregateType, aggregateId, eventType, editor, payload)), all);
        return jdbc.sql("with changed as (" + sql + " returning 1)\n" + INSERT_INTO + "select event.* from (" + values
                        + ") as event, changed")
                .params(all)
                .update();
    }

    private static void refuseOwnWith(String sql) {
        if (sql.stripLeading().regionMatches(true, 0, "with", 0, 4)) {
            throw new IllegalArgumentException("the change statement must not have a WITH of its own");
        }
    }

    /** The sequence of the newest event, 0 when there is none. */
    public long latestSequence() {
        return jdbc.sql("select coalesce(max(sequence), 0) from audit_event")
                .query(Long.class)
                .single();
    }

    private record Pending(String aggregateType, String aggregateId, String eventType, String editor, String payload) {}

    private Pending pending(
            String aggregateType, String aggregateId, String eventType, String editor, Map<String, ?> payload) {
        return new Pending(aggregateType, aggregateId, eventType, editor, json.writeValueAsString(payload));
    }

    /** The pending events of the current transaction, bound to it and written before it commits. */
    private List<Pending> pending() {
        List<Pending> events = bound();
        if (events == null) {
            List<Pending> bound = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    writePending();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditLog.this);
                }
            });
            events = bound;
        }
        return events;
    }

    /** The current transaction's pending events; null before the first. */
    @SuppressWarnings("unchecked")
    private List<Pending> bound() {
        return (List<Pending>) TransactionSynchronizationManager.getResource(this);
    }

    private List<Pending> takePending() {
        List<Pending> events = bound();
        if (events == null || events.isEmpty()) {
            return List.of();
        }
        List<Pending> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    private void writePending() {
        List<Pending> events = takePending();
        if (!events.isEmpty()) {
            Map<String, Object> params = new LinkedHashMap<>();
            jdbc.sql(INSERT_INTO + values(events, params)).params(params).update();
        }
    }

    /** {@code values (...), (...)} for the events, their parameters put into {@code params}. */
    private String values(List<Pending> events, Map<String, Object> params) {
        StringJoiner values = new StringJoiner(", ", "values ", "");
        for (int i = 0; i < events.size(); i++) {
            Pending event = events.get(i);
            String name = "auditEvent" + i;
            values.add(VALUES_OF_ONE.formatted(name));
            params.put(name + "AggregateType", event.aggregateType());
            params.put(name + "AggregateId", event.aggregateId());
            params.put(name + "EventType", event.eventType());
            params.put(name + "Editor", event.editor());
            params.put(name + "ResourceOwner", instanceId);
            params.put(name + "Payload", event.payload());
        }
        return values.toString();
    }
}
