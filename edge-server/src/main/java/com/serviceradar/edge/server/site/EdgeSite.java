package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A deployment location of one tenant, with its NATS leaf server.
 *
 * @param natsLeafUrl where collectors at the site reach the leaf; null until the admin sets it
 */
public record EdgeSite(
    UUID id,
    UUID tenantId,
    String name,
    SiteSlug slug,
    SiteStatus status,
    NatsUrl natsLeafUrl,
    OffsetDateTime lastSeenAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    NatsLeafServer leafServer) {}
