package io.jwtbridge.audit;

import java.time.Instant;

/** One appended audit event. */
public record AuditEvent(
        long sequence,
        Instant createdAt,
        String aggregateType,
        String aggregateId,
        String eventType,
        String editor,
        String resourceOwner) {}
