package io.jwtbridge.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * ZITADEL's object details. {@code sequence} is a 64-bit number and so, as protojson writes it, a
 * JSON string. On a create only {@code creationDate} is set, on a change only {@code changeDate},
 * on a read both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Details(String sequence, Instant creationDate, Instant changeDate, String resourceOwner) {

    public static Details created(Recorded event) {
        return new Details(Long.toString(event.sequence()), event.createdAt(), null, event.resourceOwner());
    }

    public static Details changed(Recorded event) {
        return new Details(Long.toString(event.sequence()), null, event.createdAt(), event.resourceOwner());
    }

    public static Details read(long sequence, Instant creationDate, Instant changeDate, String resourceOwner) {
        return new Details(Long.toString(sequence), creationDate, changeDate, resourceOwner);
    }
}
