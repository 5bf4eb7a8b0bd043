package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.site.SiteConditions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * How soon a site's certificates expire, graded as the site's conditions are (warning within 30
 * days, critical within 7), but computed when the page is drawn rather than at the next scan.
 */
record CertificateExpiry(OffsetDateTime expiresAt, long daysLeft, Level level) {

  enum Level {
    UNKNOWN,
    OK,
    WARNING,
    CRITICAL,
    EXPIRED
  }

  private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

  static CertificateExpiry of(OffsetDateTime expiresAt, Instant now) {
    if (expiresAt == null) {
      return new CertificateExpiry(null, 0, Level.UNKNOWN);
    }
    Duration left = Duration.between(now, expiresAt.toInstant());
    // Whole days, rounded up: a certificate issued for 20 days reads "in 20 days", not 19.
    long days = Math.floorDiv(left.toSeconds() + SECONDS_PER_DAY - 1, SECONDS_PER_DAY);
    Level level;
    if (left.isNegative()) {
      level = Level.EXPIRED;
    } else if (left.compareTo(SiteConditions.CERT_CRITICAL) <= 0) {
      level = Level.CRITICAL;
    } else if (left.compareTo(SiteConditions.CERT_WARNING) <= 0) {
      level = Level.WARNING;
    } else {
      level = Level.OK;
    }
    return new CertificateExpiry(expiresAt, days, level);
  }

  /** "expires in 20 days", "expired 3 days ago". */
  public String summary() {
    return switch (level) {
      case UNKNOWN -> "not issued yet";
      case EXPIRED -> daysLeft == 0 ? "expired today" : "expired " + -daysLeft + " days ago";
      case OK, WARNING, CRITICAL ->
          daysLeft == 1 ? "expires within a day" : "expires in " + daysLeft + " days";
    };
  }

  /** Worth a banner on the site's page. */
  public boolean needsAttention() {
    return switch (level) {
      case WARNING, CRITICAL, EXPIRED -> true;
      case UNKNOWN, OK -> false;
    };
  }

  /** The badge and banner style. */
  public String tone() {
    return switch (level) {
      case UNKNOWN -> "neutral";
      case OK -> "connected";
      case WARNING -> "warning";
      case CRITICAL, EXPIRED -> "critical";
    };
  }

  public String date() {
    return expiresAt == null ? "—" : expiresAt.toLocalDate().toString();
  }
}
