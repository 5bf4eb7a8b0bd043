package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.site.FleetOverview.FleetLeaf;
import com.serviceradar.edge.server.web.CertificateExpiry.Level;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the fleet dashboard marks certificates and reads spans of time. */
class FleetPageTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneOffset.UTC);

  private static FleetLeaf leafExpiringIn(Duration left) {
    return new FleetLeaf(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "acme",
        "nyc",
        "NYC Office",
        "active",
        "connected",
        "leaf-acme-nyc",
        NOW,
        null,
        null,
        NOW.plus(left),
        List.of());
  }

  private static FleetPage.ExpiringCertificate certificateExpiringIn(Duration left) {
    return FleetPage.expiringOf(leafExpiringIn(left), "Acme", NOW);
  }

  @Test
  void aCertificateWithinThirtyDaysIsAWarningWithinSevenCriticalAndPastItsDateExpired() {
    assertThat(certificateExpiringIn(Duration.ofDays(40)).expiry().level()).isEqualTo(Level.OK);
    assertThat(certificateExpiringIn(Duration.ofDays(20)).expiry().level())
        .isEqualTo(Level.WARNING);
    assertThat(certificateExpiringIn(Duration.ofDays(30)).expiry().level())
        .isEqualTo(Level.WARNING);
    assertThat(certificateExpiringIn(Duration.ofDays(5)).expiry().level())
        .isEqualTo(Level.CRITICAL);
    assertThat(certificateExpiringIn(Duration.ofHours(-3)).expiry().level())
        .isEqualTo(Level.EXPIRED);
  }

  @Test
  void whatIsLeftReadsAsOnTheSitePage() {
    assertThat(certificateExpiringIn(Duration.ofDays(20)).expiry().summary())
        .isEqualTo("expires in 20 days");
    assertThat(certificateExpiringIn(Duration.ofHours(-3)).expiry().summary())
        .isEqualTo("expired today");
  }

  @Test
  void spansReadInTheLargestUnitsThatFit() {
    assertThat(Elapsed.between(NOW, NOW.plusSeconds(30))).isEqualTo("under a minute");
    assertThat(Elapsed.between(NOW, NOW.plusMinutes(45))).isEqualTo("45m");
    assertThat(Elapsed.between(NOW, NOW.plusHours(3).plusMinutes(20))).isEqualTo("3h");
    assertThat(Elapsed.between(NOW, NOW.plusDays(2))).isEqualTo("2d");
    assertThat(Elapsed.between(NOW, NOW.plusDays(2).plusHours(4))).isEqualTo("2d 4h");
    assertThat(Elapsed.between(NOW.plusHours(1), NOW)).isEqualTo("under a minute");
  }
}
