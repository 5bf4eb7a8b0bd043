package com.serviceradar.edge.server.site;

import java.time.OffsetDateTime;
import java.util.Locale;

/** Something about a site beyond up or down that an operator should know, as long as it holds. */
public record SiteCondition(Kind kind, Severity severity, String detail, OffsetDateTime since) {

  public enum Kind {
    /** Three or more disconnects within ten minutes. */
    FLAPPING,
    /** The leaf presents a certificate other than the one issued to this site. */
    IDENTITY_MISMATCH,
    /**
     * A leaf user of this site that is not the current one (revoked, or never issued) is connected.
     */
    UNKNOWN_LEAF,
    /** The leaf's certificates expire within 30 days (critical within 7). */
    CERT_EXPIRING,
    CERT_EXPIRED,
    /**
     * The configuration changed since the bundle was last downloaded (new identity, revocations).
     */
    CONFIG_OUTDATED,
    /** The site's store-and-forward buffer holds 80 % of its limit or more. */
    BUFFER_FILLING,
    /** The buffer is (nearly) full: collectors' publishes are refused. */
    BUFFER_FULL,
    /**
     * The last renewal of the leaf's identity was rolled back (the old identity still works);
     * cleared by a renewal that completes.
     */
    RENEWAL_FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind fromWireName(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  public enum Severity {
    WARNING,
    CRITICAL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Severity fromWireName(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
