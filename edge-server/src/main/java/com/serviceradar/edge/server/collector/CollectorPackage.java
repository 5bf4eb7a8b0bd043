package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.bundle.CollectorType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A collector's package: its NATS user and certificate, and the edge site it publishes to.
 *
 * @param edgeSiteId null for a collector of the SaaS hub, or once its site was deleted
 */
public record CollectorPackage(
    UUID id,
    UUID tenantId,
    UUID edgeSiteId,
    CollectorType type,
    String name,
    String userPublicKey,
    PackageStatus status,
    OffsetDateTime createdAt,
    OffsetDateTime revokedAt) {

  /** {@code {type}-{id8}}: its NATS user's name and its certificate's first CN label. */
  String instanceName() {
    return type.instanceName(id);
  }
}
