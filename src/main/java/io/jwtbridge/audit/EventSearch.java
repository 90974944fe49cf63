package io.jwtbridge.audit;

import io.jwtbridge.audit.EventRequests.ListEventsRequest;
import io.jwtbridge.web.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit log for ListEvents: every condition must hold (AND); the sequence is a cursor. */
@Repository
class EventSearch {

    /** A SQL condition on {@code audit_event} and its named parameters. */
    record Where(String sql, Map<String, Object> parameters) {}

    /** An event as stored, its payload as JSON. */
    record Found(
            long sequence,
            Instant createdAt,
            String aggregateType,
            String aggregateId,
            String resourceOwner,
            String eventType,
            String editor,
            JsonNode payload) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventSearch(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Found> find(ListEventsRequest request, Paging paging) {
        Where where = where(request, paging);
        return jdbc.sql("select * from audit_event where " + where.sql() + " order by " + paging.orderBy("sequence")
                        + " limit :limit")
                .params(where.parameters())
                .param("limit", paging.limit())
                .query((rs, row) -> new Found(
                        rs.getLong("sequence"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("aggregate_type"),
                        rs.getString("aggregate_id"),
                        rs.getString("resource_owner"),
                        rs.getString("event_type"),
                        rs.getString("editor"),
                        json.readTree(rs.getString("payload"))))
                .list();
    }

    /** A sequence of 0 or none starts at either end; empty type lists do not filter. */
    static Where where(ListEventsRequest request, Paging paging) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (request.sequence() != null && request.sequence() != 0) {
            conditions.add("sequence " + (paging.ascending() ? ">" : "<") + " :sequence");
            parameters.put("sequence", request.sequence());
        }
        if (request.aggregateId() != null) {
            conditions.add("aggregate_id = :aggregateId");
            parameters.put("aggregateId", request.aggregateId());
        }
        if (request.aggregateTypes() != null && !request.aggregateTypes().isEmpty()) {
            conditions.add("aggregate_type in (:aggregateTypes)");
            parameters.put("aggregateTypes", request.aggregateTypes());
        }
        if (request.eventTypes() != null && !request.eventTypes().isEmpty()) {
            conditions.add("event_type in (:eventTypes)");
            parameters.put("eventTypes", request.eventTypes());
        }
        return new Where(conditions.isEmpty() ? "true" : String.join(" and ", conditions), parameters);
    }
}
