package com.serviceradar.edge.storeforward;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a site's {@code EDGE_BUFFER} may hold before it refuses new messages: the age after
 * which undelivered messages are dropped, and its size on disk.
 *
 * @param maxAge between {@link #MIN_AGE} and {@link #MAX_AGE}
 * @param maxBytes between {@link #MIN_BYTES} and {@link #MAX_BYTES}
 */
public record BufferLimits(Duration maxAge, long maxBytes) {

  public static final Duration MIN_AGE = Duration.ofMinutes(1);
  public static final Duration MAX_AGE = Duration.ofDays(365);
  public static final long MIN_BYTES = 64L << 10;

  /** The leaf's whole JetStream file store ({@code max_file_store}, 10 GiB). */
  public static final long MAX_BYTES = 10L << 30;

  // After the bounds: static fields initialise in order, and the constructor reads them.
  /** Seven days and 1 GiB: a long weekend's outage at a busy site. */
  public static final BufferLimits DEFAULT = new BufferLimits(Duration.ofDays(7), 1L << 30);

  public BufferLimits {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.compareTo(MIN_AGE) < 0 || maxAge.compareTo(MAX_AGE) > 0) {
      throw new IllegalArgumentException(
          "maxAgeSeconds must be between "
              + MIN_AGE.toSeconds()
              + " and "
              + MAX_AGE.toSeconds()
              + " (got "
              + maxAge.toSeconds()
              + ")");
    }
    if (maxBytes < MIN_BYTES || maxBytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "maxBytes must be between "
              + MIN_BYTES
              + " and "
              + MAX_BYTES
              + " (got "
              + maxBytes
              + ")");
    }
  }

  public static BufferLimits of(long maxAgeSeconds, long maxBytes) {
    return new BufferLimits(Duration.ofSeconds(maxAgeSeconds), maxBytes);
  }
}
