package io.jwtbridge.audit;

import io.jwtbridge.audit.EventRequests.ListEventsRequest;
import io.jwtbridge.audit.EventResponses.Event;
import io.jwtbridge.audit.EventResponses.ListEventsResponse;
import io.jwtbridge.web.ListQuery;
import io.jwtbridge.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** ZITADEL's ListEvents over the append-only audit log. */
@RestController
@Tag(name = "Events", description = "The audit log: one event per change, login and registration")
class EventsController {

    private final EventSearch events;

    EventsController(EventSearch events) {
        this.events = events;
    }

    @PostMapping("/admin/v1/events/_search")
    @Operation(summary = "List audit events")
    ListEventsResponse search(@Valid @RequestBody(required = false) ListEventsRequest body) {
        ListEventsRequest request = body == null ? new ListEventsRequest(null, null, null, null, null, null) : body;
        // No offset: the sequence is the cursor.
        Paging paging = Paging.of(new ListQuery(null, request.limit(), request.asc()));
        return new ListEventsResponse(
                events.find(request, paging).stream().map(Event::of).toList());
    }
}
