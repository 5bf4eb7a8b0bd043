package com.serviceradar.edge.server.collector;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The package JSON; every key is always present. {@code natsUrl} is where its bundle points the
 * collector: its site's leaf, or the SaaS URL when it has no site; null when its site has no {@code
 * natsLeafUrl}.
 */
record CollectorPackageJson(
    UUID id,
    UUID tenantId,
    UUID edgeSiteId,
    String collectorType,
    String name,
    String natsUrl,
    String status,
    OffsetDateTime createdAt) {

  static CollectorPackageJson of(CollectorPackages.Listed listed) {
    CollectorPackage collector = listed.collector();
    return new CollectorPackageJson(
        collector.id(),
        collector.tenantId(),
        collector.edgeSiteId(),
        collector.type().wireName(),
        collector.name(),
        listed.natsUrl().map(Object::toString).orElse(null),
        collector.status().wireName(),
        collector.createdAt());
  }
}
