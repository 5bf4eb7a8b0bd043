package com.serviceradar.edge.server.alert;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An alert as stored; {@link #resolve} is its one move. */
record Alert(
    UUID id,
    UUID siteId,
    UUID tenantId,
    String siteName,
    String siteSlug,
    String kind,
    String severity,
    AlertState state,
    OffsetDateTime openedAt,
    OffsetDateTime resolvedAt,
    String detail) {

  static Alert open(UUID id, DesiredAlert cause, OffsetDateTime now) {
    return new Alert(
        id,
        cause.siteId(),
        cause.tenantId(),
        cause.siteName(),
        cause.siteSlug(),
        cause.kind(),
        cause.severity(),
        AlertState.OPEN,
        now,
        null,
        cause.detail());
  }

  DesiredAlert.Key key() {
    return new DesiredAlert.Key(siteId, kind);
  }

  Alert resolve(OffsetDateTime now) {
    if (state != AlertState.OPEN) {
      throw new IllegalStateException("alert " + id + " is " + state.wireName() + ", not open");
    }
    return new Alert(
        id,
        siteId,
        tenantId,
        siteName,
        siteSlug,
        kind,
        severity,
        AlertState.RESOLVED,
        openedAt,
        now,
        detail);
  }
}
