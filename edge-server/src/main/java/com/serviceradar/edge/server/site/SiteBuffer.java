package com.serviceradar.edge.server.site;

import com.serviceradar.edge.storeforward.BufferLimits;
import com.serviceradar.edge.storeforward.BufferState;
import java.time.OffsetDateTime;

/**
 * A site's store-and-forward buffer as the site JSON shows it: its limits, and the stream as last
 * observed at the leaf (through the hub, while the leaf is connected; the last known otherwise).
 * The observed fields are null until the control plane has read the leaf's stream once.
 */
public record SiteBuffer(
    long maxAgeSeconds,
    long maxBytes,
    Long messages,
    Long bytes,
    Double percentFull,
    OffsetDateTime oldestAt,
    Long undeliveredToHub,
    OffsetDateTime lastDeliveredAt,
    OffsetDateTime observedAt) {

  /** A buffer not read from its leaf yet. */
  static SiteBuffer unobserved(BufferLimits limits) {
    return of(limits, null, null, 0, 0, 0, null, null, null);
  }

  static SiteBuffer of(
      BufferLimits limits,
      Long messages,
      Long bytes,
      long firstSeq,
      long lastSeq,
      long deliveredSeq,
      OffsetDateTime oldestAt,
      OffsetDateTime lastDeliveredAt,
      OffsetDateTime observedAt) {
    return new SiteBuffer(
        limits.maxAge().toSeconds(),
        limits.maxBytes(),
        messages,
        bytes,
        bytes == null ? null : BufferState.percentFull(bytes, limits.maxBytes()),
        oldestAt,
        messages == null
            ? null
            : BufferState.undelivered(messages, firstSeq, lastSeq, deliveredSeq),
        lastDeliveredAt,
        observedAt);
  }
}
