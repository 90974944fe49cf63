package io.jwtbridge.web;

import java.time.Instant;

/** ZITADEL's list details; 64-bit numbers are JSON strings as protojson writes them. */
public record ListDetails(String totalResult, String processedSequence, Instant viewTimestamp) {

    public static ListDetails of(long totalResult, long processedSequence) {
        return new ListDetails(Long.toString(totalResult), Long.toString(processedSequence), Instant.now());
    }
}
