package com.serviceradar.edge.server.site;

import java.util.Locale;

/**
 * A site's NATS leaf server: {@code pending} until its identity is issued, {@code provisioned} once
 * its bundle can be downloaded, then {@code connected} / {@code disconnected} as the hub observes
 * it.
 */
public enum LeafServerStatus {
  PENDING,
  PROVISIONED,
  CONNECTED,
  DISCONNECTED;

  /**
   * The one place that says which moves are legal. Re-provisioning (new certificates and user) is
   * allowed from every state after the first, because regenerating does not wait for a connection.
   */
  public boolean canMoveTo(LeafServerStatus next) {
    return switch (this) {
      case PENDING -> next == PROVISIONED;
      case PROVISIONED -> next == CONNECTED || next == PROVISIONED;
      case CONNECTED -> next == DISCONNECTED || next == PROVISIONED;
      case DISCONNECTED -> next == CONNECTED || next == PROVISIONED;
    };
  }

  public LeafServerStatus moveTo(LeafServerStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException(
          "a NATS leaf server cannot move from " + wireName() + " to " + next.wireName());
    }
    return next;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static LeafServerStatus fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
