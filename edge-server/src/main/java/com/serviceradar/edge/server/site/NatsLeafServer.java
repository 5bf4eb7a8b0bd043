package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The NATS leaf server of one edge site (one per site). */
public record NatsLeafServer(
    UUID id,
    LeafServerStatus status,
    String serverName,
    String upstreamUrl,
    String localListen,
    int monitoringPort,
    String configChecksum,
    OffsetDateTime certExpiresAt,
    OffsetDateTime provisionedAt,
    OffsetDateTime connectedAt,
    OffsetDateTime disconnectedAt,
    String lastDisconnectReason) {

  /** The leaf server of a new site, before its identity is issued. */
  static NatsLeafServer pending(TenantSlug tenantSlug, SiteSlug siteSlug, int monitoringPort) {
    return new NatsLeafServer(
        UUID.randomUUID(),
        LeafServerStatus.PENDING,
        LeafNames.serverName(tenantSlug, siteSlug),
        null,
        null,
        monitoringPort,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
