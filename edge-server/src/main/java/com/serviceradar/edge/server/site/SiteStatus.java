package com.serviceradar.edge.server.site;

import java.util.Locale;

/**
 * An edge site as operators see it: {@code pending} until its leaf first connects, then {@code
 * active} while connected and {@code offline} while not.
 */
public enum SiteStatus {
  PENDING,
  ACTIVE,
  OFFLINE;

  /** The one place that says which moves are legal. */
  public boolean canMoveTo(SiteStatus next) {
    return switch (this) {
      case PENDING -> next == ACTIVE;
      case ACTIVE -> next == OFFLINE;
      case OFFLINE -> next == ACTIVE;
    };
  }

  public SiteStatus moveTo(SiteStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException(
          "an edge site cannot move from " + wireName() + " to " + next.wireName());
    }
    return next;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static SiteStatus fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
