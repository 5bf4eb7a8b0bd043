package com.serviceradar.edge.storeforward;

import java.time.Instant;

/**
 * The newest message {@code EDGE_INGEST} holds from one site: its sequence in the site's {@code
 * EDGE_BUFFER} and when the hub stored it.
 */
public record Delivered(long bufferSeq, Instant storedAt) {

  /** The later of the two. */
  public Delivered max(Delivered other) {
    return other == null || bufferSeq >= other.bufferSeq ? this : other;
  }
}
