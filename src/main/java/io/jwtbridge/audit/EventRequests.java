package io.jwtbridge.audit;

import io.jwtbridge.web.ListQuery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request body of ZITADEL's ListEvents. */
final class EventRequests {

    private EventRequests() {}

    /**
     * @param sequence only events after this sequence (ascending) or before it (descending)
     * @param limit at most this many (default 100, at most 1000)
     * @param asc oldest first; absent means newest first
     */
    record ListEventsRequest(
            @Min(value = 0, message = "value must be greater than or equal to 0")
            Long sequence,

            @Min(value = 0, message = "value must be greater than or equal to 0")
            @Max(value = ListQuery.MAX_LIMIT, message = "value must be less than or equal to " + ListQuery.MAX_LIMIT)
            Integer limit,

            Boolean asc,
            @Size(max = 200) String aggregateId,
            @Size(max = 20) List<@Size(max = 200) String> aggregateTypes,
            @Size(max = 50) List<@Size(max = 200) String> eventTypes) {}
}
