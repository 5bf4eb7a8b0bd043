package com.serviceradar.edge.storeforward;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The rules for a tenant's relays ({@link EdgeStreams#relay}): which relay a site joins, where its
 * source starts, and how much of a relay can go.
 */
public final class Relays {

  private Relays() {}

  /**
   * The relay a site joins, for good: the lowest-numbered one with fewer than {@code capacity}
   * sites, so relays fill in order and a tenant of n sites has about n / capacity of them — except
   * the relays its slug was ever placed in ({@code slugWasIn}): a relay resumes a source after the
   * newest message it holds from the slug's leaf domain, which may be a deleted site's.
   */
  public static int withRoom(
      Map<Integer, Integer> sitesPerRelay, int capacity, Set<Integer> slugWasIn) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a relay holds at least one site: " + capacity);
    }
    int relay = 0;
    while (sitesPerRelay.getOrDefault(relay, 0) >= capacity || slugWasIn.contains(relay)) {
      relay++;
    }
    return relay;
  }

  /**
   * Where a site's source starts when its relay holds none of its messages: after the hub's
   * watermark, unless the watermark is past the buffer's last message — then it belongs to an
   * earlier buffer (a wiped leaf store) and the source reads the new buffer from its start.
   *
   * @param lastSeq the buffer's last sequence when last observed; empty when never observed
   */
  public static long startSeq(long deliveredSeq, OptionalLong lastSeq) {
    if (deliveredSeq <= 0 || lastSeq.isEmpty() || deliveredSeq > lastSeq.getAsLong()) {
      return 1;
    }
    return deliveredSeq + 1;
  }

  /**
   * How far a relay can be purged: no further than {@code EDGE_INGEST} holds it ({@code
   * ingestHolds}), than the control plane has read its deliveries ({@code readTo}, or a site's
   * watermark would miss messages), and than any {@code kept} sequence minus one: the newest
   * message of each site whose buffer still holds messages the hub has. nats-server resumes a
   * source after the newest message the relay holds from it; once that is purged, it starts at the
   * source's start, which is exact only for a buffer trimmed to the watermark.
   *
   * @return the last sequence that may be purged; empty when nothing may
   */
  public static OptionalLong purgeableUpTo(long ingestHolds, long readTo, Collection<Long> kept) {
    long upTo = Math.min(ingestHolds, readTo);
    for (long seq : kept) {
      upTo = Math.min(upTo, seq - 1);
    }
    return upTo > 0 ? OptionalLong.of(upTo) : OptionalLong.empty();
  }
}
