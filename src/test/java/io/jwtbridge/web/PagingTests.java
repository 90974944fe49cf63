package io.jwtbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTests {

    @Test
    void noQueryMeansTheFirstHundredNewestFirst() {
        Paging paging = Paging.of(null);

        assertThat(paging.offset()).isZero();
        assertThat(paging.limit()).isEqualTo(ListQuery.DEFAULT_LIMIT);
        assertThat(paging.ascending()).isFalse();
        assertThat(paging.direction()).isEqualTo("desc");
    }

    @Test
    void aQueryWithoutMembersTakesTheSameDefaults() {
        assertThat(Paging.of(new ListQuery(null, null, null))).isEqualTo(Paging.of(null));
        assertThat(Paging.of(new ListQuery(null, 0, null)).limit()).isEqualTo(100);
        assertThat(Paging.of(new ListQuery(null, null, false)).ascending()).isFalse();
    }

    @Test
    void theQuerysMembersAreKept() {
        Paging paging = Paging.of(new ListQuery(20L, 5, true));

        assertThat(paging.offset()).isEqualTo(20);
        assertThat(paging.limit()).isEqualTo(5);
        assertThat(paging.ascending()).isTrue();
        assertThat(paging.direction()).isEqualTo("asc");
    }

    @Test
    void orderByPutsEveryColumnInTheDirection() {
        assertThat(Paging.of(null).orderBy("created_at", "id")).isEqualTo("created_at desc, id desc");
        assertThat(Paging.of(new ListQuery(null, null, true)).orderBy("sequence"))
                .isEqualTo("sequence asc");
    }

    @Test
    void aListInMemoryIsOrderedThenCut() {
        List<Integer> oldestFirst = List.of(1, 2, 3, 4, 5);

        assertThat(Paging.of(null).page(oldestFirst)).containsExactly(5, 4, 3, 2, 1);
        assertThat(Paging.of(new ListQuery(1L, 2, null)).page(oldestFirst)).containsExactly(4, 3);
        assertThat(Paging.of(new ListQuery(1L, 2, true)).page(oldestFirst)).containsExactly(2, 3);
        assertThat(Paging.of(new ListQuery(9L, 2, true)).page(oldestFirst)).isEmpty();
        assertThat(oldestFirst).as("the given list is left as it was").containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void detailsCarryTheTotalAndTheProcessedSequenceAsStrings() {
        ListDetails details = Paging.of(null).details(42, 7);

        assertThat(details.totalResult()).isEqualTo("42");
        assertThat(details.processedSequence()).isEqualTo("7");
        assertThat(details.viewTimestamp()).isNotNull();
    }
}
