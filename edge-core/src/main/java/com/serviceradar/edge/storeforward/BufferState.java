package com.serviceradar.edge.storeforward;

import java.time.Instant;
import java.util.Optional;

/**
 * A site's {@code EDGE_BUFFER} as its leaf reports it.
 *
 * @param firstSeq the oldest message still held (0 when empty)
 * @param lastSeq the newest sequence ever stored, held or not
 * @param oldestAt when the oldest message held was stored
 */
public record BufferState(
    long messages,
    long bytes,
    long firstSeq,
    long lastSeq,
    Optional<Instant> oldestAt,
    BufferLimits limits) {

  /** Bytes held as a share of the limit, 0-100. */
  public double percentFull() {
    return Math.min(100.0, 100.0 * bytes / limits.maxBytes());
  }

  /** {@code bytes} as a share of {@code maxBytes}, 0-100, to a tenth of a percent (for display). */
  public static double percentFull(long bytes, long maxBytes) {
    return Math.min(100.0, Math.round(1000.0 * bytes / maxBytes) / 10.0);
  }

  /** Messages stored at the leaf that the hub does not hold yet. */
  public long undeliveredAfter(long deliveredSeq) {
    return undelivered(messages, firstSeq, lastSeq, deliveredSeq);
  }

  /**
   * Messages held from {@code firstSeq} to {@code lastSeq} that come after {@code deliveredSeq}.
   */
  public static long undelivered(long messages, long firstSeq, long lastSeq, long deliveredSeq) {
    return messages == 0 ? 0 : Math.max(0, lastSeq - Math.max(deliveredSeq, firstSeq - 1));
  }
}
