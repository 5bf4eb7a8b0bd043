package com.serviceradar.edge.server.site;

import java.util.Locale;

/**
 * Where a renewal of a site's leaf identity stands. {@code pending}: a new identity is issued and
 * the old one still works, so the edge host can install the new files and reload without a cut.
 * {@code cutting_over}: the new identity is the site's and the old user is revoked, which makes the
 * hub close the leaf's link; the leaf reconnects with the new files. {@code completed}: the monitor
 * saw the new user connect; the old identity is gone for good. {@code rolled_back}: the old
 * identity is the site's again and the new user revoked. {@code cancelled}: the site was
 * regenerated, enrolled again or deleted meanwhile, which replaces both identities.
 */
public enum RotationState {
  PENDING,
  CUTTING_OVER,
  COMPLETED,
  ROLLED_BACK,
  CANCELLED;

  /** The one place that says which moves are legal. */
  public boolean canMoveTo(RotationState next) {
    return switch (this) {
      case PENDING -> next == CUTTING_OVER || next == ROLLED_BACK || next == CANCELLED;
      case CUTTING_OVER -> next == COMPLETED || next == ROLLED_BACK || next == CANCELLED;
      case COMPLETED, ROLLED_BACK, CANCELLED -> false;
    };
  }

  public RotationState moveTo(RotationState next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException(
          "a leaf rotation cannot move from " + wireName() + " to " + next.wireName());
    }
    return next;
  }

  /** Open rotations hold an identity for the site; finished ones hold nothing secret. */
  public boolean isOpen() {
    return this == PENDING || this == CUTTING_OVER;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static RotationState fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
