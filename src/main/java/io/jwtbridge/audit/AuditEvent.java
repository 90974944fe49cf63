package io.jwtbridge.audit;

import io.jwtbridge.web.Recorded;
import java.time.Instant;

/** One appended audit event; the admin API reports it as a change's {@code details}. */
public record AuditEvent(
        long sequence,
        Instant createdAt,
        String aggregateType,
        String aggregateId,
        String eventType,
        String editor,
        String resourceOwner)
        implements Recorded {}
