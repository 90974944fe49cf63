package io.jwtbridge.audit;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The answer of ZITADEL's ListEvents; the sequence is a JSON string, as protojson writes 64-bit numbers. */
final class EventResponses {

    private EventResponses() {}

    record Aggregate(String id, String type, String resourceOwner) {}

    record Editor(String userId) {}

    record EventType(String type) {}

    record Event(
            Editor editor,
            Aggregate aggregate,
            String sequence,
            Instant creationDate,
            JsonNode payload,
            EventType type) {

        static Event of(EventSearch.Found found) {
            return new Event(
                    new Editor(found.editor()),
                    new Aggregate(found.aggregateId(), found.aggregateType(), found.resourceOwner()),
                    Long.toString(found.sequence()),
                    found.createdAt(),
                    found.payload(),
                    new EventType(found.eventType()));
        }
    }

    record ListEventsResponse(List<Event> events) {}
}
