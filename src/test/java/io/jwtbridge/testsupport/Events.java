package io.jwtbridge.testsupport;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The audit events of one aggregate, oldest first, as the events API lists them. */
public final class Events {

    private Events() {}

    public static JsonNode of(TestHttp http, String token, String aggregateId) {
        return http.post(
                        "/admin/v1/events/_search",
                        "{\"aggregateId\":\"%s\",\"asc\":true}".formatted(aggregateId),
                        token)
                .json()
                .get("events");
    }

    /** The type of each event, in their order (e.g. {@code user.registered}). */
    public static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("type").get("type").asString()));
        return types;
    }
}
