package com.serviceradar.edge.server.tenant;

import com.serviceradar.edge.names.TenantSlug;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A SaaS customer. Its slug is part of every certificate and NATS name issued for it. */
public record Tenant(UUID id, TenantSlug slug, String name, OffsetDateTime createdAt) {}
