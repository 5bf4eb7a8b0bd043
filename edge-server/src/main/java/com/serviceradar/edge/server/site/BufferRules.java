package com.serviceradar.edge.server.site;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The rules that turn a site's buffer observations into conditions and timeline entries, without
 * any storage: filling and full by how much of its limit it holds, drained when a backlog reaches
 * zero, stalled when the backlog does not shrink while the leaf is connected.
 */
final class BufferRules {

  static final double FILLING_PERCENT = 80.0;

  /**
   * From here a publish of a usual message size may be refused ({@code maximum bytes exceeded}):
   * the buffer counts as full before its last byte is taken.
   */
  static final double FULL_PERCENT = 95.0;

  enum Fill {
    NORMAL,
    FILLING,
    FULL
  }

  /** What probing a leaf's JetStream through its link says about the link. */
  enum Link {
    /** The leaf answers. */
    CARRYING,
    /** Listed by the hub for long enough, but the leaf has not answered for the whole window. */
    HALF_OPEN,
    /** No answer yet, but not for long enough (or the leaf only just connected). */
    UNDECIDED
  }

  private BufferRules() {}

  /**
   * @param unansweredSince since when the leaf's JetStream has not answered through its link
   * @param connectedSince when the leaf connected, empty when it is not marked connected; a link
   *     younger than {@code silentAfter} is not judged
   */
  static Link link(
      boolean leafAnswered,
      OffsetDateTime unansweredSince,
      Duration silentAfter,
      Optional<OffsetDateTime> connectedSince,
      OffsetDateTime now) {
    if (leafAnswered) {
      return Link.CARRYING;
    }
    boolean longEnough = !unansweredSince.plus(silentAfter).isAfter(now);
    boolean judged = connectedSince.map(at -> !at.plus(silentAfter).isAfter(now)).orElse(false);
    return longEnough && judged ? Link.HALF_OPEN : Link.UNDECIDED;
  }

  static Fill fill(double percentFull) {
    if (percentFull >= FULL_PERCENT) {
      return Fill.FULL;
    }
    return percentFull >= FILLING_PERCENT ? Fill.FILLING : Fill.NORMAL;
  }

  /** A backlog that existed at the last observation is gone now. */
  static boolean drained(Long previousUndelivered, long undelivered) {
    return previousUndelivered != null && previousUndelivered > 0 && undelivered == 0;
  }

  /**
   * Since when the site's source has been stalled, given the previous value: it is while the leaf
   * is connected, messages wait for the hub and the hub's watermark did not move since the last
   * observation; otherwise it is not.
   */
  static Optional<OffsetDateTime> stalledSince(
      Optional<OffsetDateTime> previous,
      boolean leafConnected,
      long undelivered,
      boolean deliveredMoved,
      OffsetDateTime now) {
    if (!leafConnected || undelivered == 0 || deliveredMoved) {
      return Optional.empty();
    }
    return Optional.of(previous.orElse(now));
  }

  /** A stall lasting this long is repaired by restarting the hub's source of the site. */
  static boolean needsRestart(
      Optional<OffsetDateTime> stalledSince, Duration after, OffsetDateTime now) {
    return stalledSince.isPresent() && !stalledSince.get().plus(after).isAfter(now);
  }
}
