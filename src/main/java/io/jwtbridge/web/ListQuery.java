package io.jwtbridge.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * ZITADEL's paging: {@code offset}, {@code limit} (0 or absent: {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}) and {@code asc} (absent means false, as protobuf's default: newest first).
 */
public record ListQuery(
        @Min(value = 0, message = "value must be greater than or equal to 0")
        Long offset,

        @Min(value = 0, message = "value must be greater than or equal to 0")
        @Max(value = MAX_LIMIT, message = "value must be less than or equal to " + MAX_LIMIT)
        Integer limit,

        Boolean asc) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public long offsetOrZero() {
        return offset == null ? 0 : offset;
    }

    public int limitOrDefault() {
        return limit == null || limit == 0 ? DEFAULT_LIMIT : limit;
    }

    public boolean ascending() {
        return asc != null && asc;
    }

    public static ListQuery defaults() {
        return new ListQuery(null, null, null);
    }
}
