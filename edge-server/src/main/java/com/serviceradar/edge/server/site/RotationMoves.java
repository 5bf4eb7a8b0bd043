package com.serviceradar.edge.server.site;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Where a leaf rotation's moves are recorded, each with what it means for the site: an entry on its
 * timeline (which also refreshes live views), and for a renewal that ended, its {@code
 * renewal_failed} condition raised (rolled back) or cleared (completed). A rolled-back renewal
 * leaves the old identity working, so it warns; the certificate's own expiry conditions say how
 * urgent a new try is.
 */
@Component
class RotationMoves {

  private final LeafRotationRepository rotations;
  private final SiteTimeline timeline;
  private final SiteConditions conditions;

  RotationMoves(
      LeafRotationRepository rotations, SiteTimeline timeline, SiteConditions conditions) {
    this.rotations = rotations;
    this.timeline = timeline;
    this.conditions = conditions;
  }

  /** A rotation was inserted pending; {@code detail} says with which user and by whom. */
  void started(LeafRotation rotation, OffsetDateTime at, String detail) {
    onTimeline(rotation, RotationState.PENDING, at, detail);
  }

  /** Records a move the caller checked with {@link RotationState#moveTo}. */
  void moved(LeafRotation rotation, RotationState next, OffsetDateTime at, String reason) {
    rotations.recordMove(rotation.id(), next, at, reason);
    switch (next) {
      case COMPLETED -> {
        onTimeline(
            rotation,
            next,
            at,
            "renewed: leaf user "
                + rotation.newUserPublicKey()
                + ", valid until "
                + rotation.newCertExpiresAt().withOffsetSameInstant(ZoneOffset.UTC));
        conditions.clear(
            rotation.siteId(), rotation.tenantId(), SiteCondition.Kind.RENEWAL_FAILED, at);
      }
      case ROLLED_BACK -> {
        onTimeline(rotation, next, at, reason);
        conditions.raise(
            rotation.siteId(),
            rotation.tenantId(),
            SiteCondition.Kind.RENEWAL_FAILED,
            SiteCondition.Severity.WARNING,
            "the renewal started at "
                + rotation.startedAt().withOffsetSameInstant(ZoneOffset.UTC)
                + " was rolled back: "
                + reason,
            at);
      }
      case PENDING, CUTTING_OVER, CANCELLED -> onTimeline(rotation, next, at, reason);
    }
  }

  private void onTimeline(
      LeafRotation rotation, RotationState state, OffsetDateTime at, String detail) {
    timeline.record(
        rotation.siteId(),
        rotation.tenantId(),
        at,
        "rotation-" + state.wireName().replace('_', '-'),
        detail);
  }
}
