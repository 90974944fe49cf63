package io.jwtbridge.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One page of a ZITADEL list request: the {@link ListQuery} (absent means its defaults) as the
 * offset, limit and direction a search needs, and the {@link ListDetails} of the answer.
 */
public record Paging(ListQuery query) {

    public Paging {
        query = query == null ? ListQuery.defaults() : query;
    }

    public static Paging of(ListQuery query) {
        return new Paging(query);
    }

    public long offset() {
        return query.offsetOrZero();
    }

    public int limit() {
        return query.limitOrDefault();
    }

    public boolean ascending() {
        return query.ascending();
    }

    /** {@code asc} or {@code desc}. */
    public String direction() {
        return ascending() ? "asc" : "desc";
    }

    /** An ORDER BY list with each column in this page's direction: {@code created_at desc, id desc}. */
    public String orderBy(String... columns) {
        return Stream.of(columns).map(column -> column + " " + direction()).collect(Collectors.joining(", "));
    }

    /** This page of {@code all}, given oldest first: reversed unless ascending, then offset and limit. */
    public <T> List<T> page(List<T> all) {
        List<T> ordered = new ArrayList<>(all);
        if (!ascending()) {
            Collections.reverse(ordered);
        }
        return ordered.stream().skip(offset()).limit(limit()).toList();
    }

    /** The list answer's details: how many match in all, and the newest event the answer reflects. */
    public ListDetails details(long totalResult, long processedSequence) {
        return ListDetails.of(totalResult, processedSequence);
    }
}
