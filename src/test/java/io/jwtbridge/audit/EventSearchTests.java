package io.jwtbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jwtbridge.audit.EventRequests.ListEventsRequest;
import io.jwtbridge.web.ListQuery;
import io.jwtbridge.web.Paging;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSearchTests {

    static final Paging NEWEST_FIRST = Paging.of(null);
    static final Paging OLDEST_FIRST = Paging.of(new ListQuery(null, null, true));

    static ListEventsRequest request(
            Long sequence, String aggregateId, List<String> aggregateTypes, List<String> eventTypes) {
        return new ListEventsRequest(sequence, null, null, aggregateId, aggregateTypes, eventTypes);
    }

    @Test
    void anEmptyRequestMatchesEveryEvent() {
        assertThat(EventSearch.where(request(null, null, null, null), NEWEST_FIRST))
                .isEqualTo(new EventSearch.Where("true", Map.of()));
        assertThat(EventSearch.where(request(null, null, List.of(), List.of()), NEWEST_FIRST))
                .isEqualTo(new EventSearch.Where("true", Map.of()));
    }

    @Test
    void theSequenceIsACursorInTheDirectionOfThePage() {
        assertThat(EventSearch.where(request(42L, null, null, null), OLDEST_FIRST))
                .isEqualTo(new EventSearch.Where("sequence > :sequence", Map.of("sequence", 42L)));
        assertThat(EventSearch.where(request(42L, null, null, null), NEWEST_FIRST))
                .isEqualTo(new EventSearch.Where("sequence < :sequence", Map.of("sequence", 42L)));
    }

    @Test
    void aSequenceOfZeroStartsAtEitherEnd() {
        assertThat(EventSearch.where(request(0L, null, null, null), OLDEST_FIRST)
                        .sql())
                .isEqualTo("true");
        assertThat(EventSearch.where(request(0L, null, null, null), NEWEST_FIRST)
                        .sql())
                .isEqualTo("true");
    }

    @Test
    void everyFilterMustHold() {
        EventSearch.Where where =
                EventSearch.where(request(7L, "123", List.of("app", "user"), List.of("app.removed")), OLDEST_FIRST);

        assertThat(where.sql())
                .isEqualTo("sequence > :sequence and aggregate_id = :aggregateId"
                        + " and aggregate_type in (:aggregateTypes) and event_type in (:eventTypes)");
        assertThat(where.parameters())
                .containsOnly(
                        Map.entry("sequence", 7L),
                        Map.entry("aggregateId", "123"),
                        Map.entry("aggregateTypes", List.of("app", "user")),
                        Map.entry("eventTypes", List.of("app.removed")));
    }
}
