package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.site.EdgeSite;
import java.time.Instant;
import java.util.UUID;

/** One line of the edge-site table, as the page shows it. */
record SiteRow(
    UUID id,
    String name,
    String slug,
    String status,
    String leafStatus,
    String lastSeen,
    String lastSeenExact,
    CertificateExpiry certificate) {

  static SiteRow of(EdgeSite site, Instant now) {
    return new SiteRow(
        site.id(),
        site.name(),
        site.slug().value(),
        site.status().wireName(),
        site.leafServer().status().wireName(),
        RelativeTime.since(site.lastSeenAt(), now),
        site.lastSeenAt() == null ? "" : site.lastSeenAt().toString(),
        CertificateExpiry.of(site.leafServer().certExpiresAt(), now));
  }
}
