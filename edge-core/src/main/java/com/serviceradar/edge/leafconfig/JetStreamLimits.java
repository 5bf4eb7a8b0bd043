package com.serviceradar.edge.leafconfig;

/**
 * The leaf's JetStream storage limits in bytes ({@code max_memory_store}, {@code max_file_store}).
 */
public record JetStreamLimits(long maxMemoryStore, long maxFileStore) {

  /**
   * 256 MiB of memory and 10 GiB of disk: the ceiling for every stream on the leaf. The site's
   * {@code EDGE_BUFFER}, which keeps collector data through an outage, has its own limits within it
   * ({@link com.serviceradar.edge.storeforward.BufferLimits}).
   */
  public static final JetStreamLimits DEFAULT = new JetStreamLimits(256L << 20, 10L << 30);

  public JetStreamLimits {
    if (maxMemoryStore <= 0 || maxFileStore <= 0) {
      throw new IllegalArgumentException(
          "JetStream limits must be positive byte counts (got max_memory_store "
              + maxMemoryStore
              + ", max_file_store "
              + maxFileStore
              + ")");
    }
  }
}
