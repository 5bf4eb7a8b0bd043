package com.serviceradar.edge.storeforward;

import java.time.Instant;

/**
 * The newest message a stream at the hub holds from one of its sources: its sequence in the source
 * ({@code EDGE_BUFFER} for a relay, a relay for {@code EDGE_INGEST}), its sequence in the holding
 * stream, and when the hub stored it.
 */
public record Delivered(long sourceSeq, long heldSeq, Instant storedAt) {

  /** The later of the two. */
  public Delivered max(Delivered other) {
    return other == null || sourceSeq >= other.sourceSeq ? this : other;
  }
}
