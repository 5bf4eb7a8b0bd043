package com.serviceradar.edge.server.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** An audit event as stored and as the API shows it. */
public record AuditEvent(
    long id,
    OffsetDateTime occurredAt,
    String actor,
    String actorRole,
    UUID tenantId,
    String action,
    String target,
    String outcome,
    String sourceAddress,
    Map<String, String> details) {}
