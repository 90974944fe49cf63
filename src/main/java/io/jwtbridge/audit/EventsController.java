package io.jwtbridge.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** ZITADEL's ListEvents over the append-only audit log. */
@RestController
@Tag(name = "Events", description = "The audit log: one event per change, login and registration")
class EventsController {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventsController(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param sequence only events after this sequence (ascending) or before it (descending)
     * @param limit at most this many (default 100, at most 1000)
     * @param asc oldest first; absent means newest first
     */
    record ListEventsRequest(
            @Min(value = 0, message = "value must be greater than or equal to 0")
            Long sequence,

            @Min(value = 0, message = "value must be greater than or equal to 0")
            @Max(value = 1000, message = "value must be less than or equal to 1000")
            Integer limit,

            Boolean asc,
            @Size(max = 200) String aggregateId,
            @Size(max = 20) List<@Size(max = 200) String> aggregateTypes,
            @Size(max = 50) List<@Size(max = 200) String> eventTypes) {}

    record Aggregate(String id, String type, String resourceOwner) {}

    record Editor(String userId) {}

    record EventType(String type) {}

    record Event(
            Editor editor,
            Aggregate aggregate,
            String sequence,
            Instant creationDate,
            JsonNode payload,
            EventType type) {}

    record ListEventsResponse(List<Event> events) {}

    @PostMapping("/admin/v1/events/_search")
    @Operation(summary = "List audit events")
    ListEventsResponse search(@Valid @RequestBody(required = false) ListEventsRequest body) {
        ListEventsRequest request = body == null ? new ListEventsRequest(null, null, null, null, null, null) : body;
        boolean asc = Boolean.TRUE.equals(request.asc());
        int limit = request.limit() == null || request.limit() == 0 ? 100 : request.limit();
        String sql = "select * from audit_event where (cast(:sequence as bigint) is null or sequence "
                + (asc ? ">" : "<") + " :sequence)"
                + " and (cast(:aggregateId as text) is null or aggregate_id = :aggregateId)"
                + (empty(request.aggregateTypes()) ? "" : " and aggregate_type in (:aggregateTypes)")
                + (empty(request.eventTypes()) ? "" : " and event_type in (:eventTypes)")
                + " order by sequence " + (asc ? "asc" : "desc") + " limit :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql)
                .param("sequence", request.sequence() == null || request.sequence() == 0 ? null : request.sequence())
                .param("aggregateId", request.aggregateId())
                .param("limit", limit);
        if (!empty(request.aggregateTypes())) {
            statement = statement.param("aggregateTypes", request.aggregateTypes());
        }
        if (!empty(request.eventTypes())) {
            statement = statement.param("eventTypes", request.eventTypes());
        }
        List<Event> events = statement
                .query((rs, row) -> new Event(
                        new Editor(rs.getString("editor")),
                        new Aggregate(
                                rs.getString("aggregate_id"),
                                rs.getString("aggregate_type"),
                                rs.getString("resource_owner")),
                        Long.toString(rs.getLong("sequence")),
                        rs.getTimestamp("created_at").toInstant(),
                        json.readTree(rs.getString("payload")),
                        new EventType(rs.getString("event_type"))))
                .list();
        return new ListEventsResponse(events);
    }

    private static boolean empty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
