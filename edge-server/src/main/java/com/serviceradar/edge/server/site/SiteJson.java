package com.serviceradar.edge.server.site;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The site JSON of ARCHITECTURE.md; every key is always present, null when unknown. {@code
 * conditions} lists what holds beyond up or down ([E4]); {@code buffer} is its store-and-forward
 * buffer ([E8]).
 */
record SiteJson(
    UUID id,
    UUID tenantId,
    String name,
    String slug,
    String status,
    String natsLeafUrl,
    OffsetDateTime lastSeenAt,
    LeafServerJson leafServer,
    List<ConditionJson> conditions,
    SiteBuffer buffer) {

  static SiteJson of(EdgeSite site, List<SiteCondition> conditions, SiteBuffer buffer) {
    return new SiteJson(
        site.id(),
        site.tenantId(),
        site.name(),
        site.slug().value(),
        site.status().wireName(),
        site.natsLeafUrl() == null ? null : site.natsLeafUrl().toString(),
        site.lastSeenAt(),
        LeafServerJson.of(site.leafServer()),
        conditions.stream().map(ConditionJson::of).toList(),
        buffer);
  }

  record LeafServerJson(
      String status,
      String serverName,
      String upstreamUrl,
      String localListen,
      String configChecksum,
      OffsetDateTime certExpiresAt,
      OffsetDateTime connectedAt,
      OffsetDateTime disconnectedAt,
      String lastDisconnectReason) {

    static LeafServerJson of(NatsLeafServer leaf) {
      return new LeafServerJson(
          leaf.status().wireName(),
          leaf.serverName(),
          leaf.upstreamUrl(),
          leaf.localListen(),
          leaf.configChecksum(),
          leaf.certExpiresAt(),
          leaf.connectedAt(),
          leaf.disconnectedAt(),
          leaf.lastDisconnectReason());
    }
  }

  record ConditionJson(String kind, String severity, String detail, OffsetDateTime since) {
    static ConditionJson of(SiteCondition condition) {
      return new ConditionJson(
          condition.kind().wireName(),
          condition.severity().wireName(),
          condition.detail(),
          condition.since());
    }
  }
}
