package com.serviceradar.edge.server.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A page of the audit trail, newest first; a null filter matches everything. {@code before} is the
 * id of the last event of the previous page; {@code tenantId} null means all tenants, which only
 * platform operators get (see {@link AuditTrail#page}).
 *
 * @param actor the actor id as recorded (a user or token id), matched exactly
 * @param from inclusive
 * @param to exclusive
 */
public record AuditQuery(
    UUID tenantId,
    String action,
    String actor,
    String target,
    OffsetDateTime from,
    OffsetDateTime to,
    Long before,
    int limit) {}
