package com.serviceradar.edge.server.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A page of the audit trail, newest first. {@code before} is the id of the last event of the
 * previous page; {@code tenantId} null means all tenants (platform operators only).
 */
record AuditQuery(
    UUID tenantId,
    String action,
    String target,
    OffsetDateTime from,
    OffsetDateTime to,
    Long before,
    int limit) {}
