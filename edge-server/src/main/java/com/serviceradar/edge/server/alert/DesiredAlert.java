package com.serviceradar.edge.server.alert;

import java.util.UUID;

/**
 * An alert that the sites' current state calls for: a prolonged disconnect or one of the monitor's
 * conditions. At most one is open per site and kind.
 */
record DesiredAlert(
    UUID siteId,
    UUID tenantId,
    String siteName,
    String siteSlug,
    String kind,
    String severity,
    String detail) {

  /** The kind of the alert for a leaf disconnected longer than the configured time. */
  static final String DISCONNECTED = "disconnected";

  Key key() {
    return new Key(siteId, kind);
  }

  /** What makes an open alert unique. */
  record Key(UUID siteId, String kind) {}
}
