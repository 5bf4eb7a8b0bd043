package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.site.FleetOverview.FleetLeaf;
import com.serviceradar.edge.server.web.CertificateExpiry.Level;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the fleet dashboard marks certificates and reads spans of time. */
class FleetPageTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 11, 27, 12, 0, 0, 0, ZoneOffset.UTC);

  private static FleetLeaf leafExpiringIn(Duration left) {
    return leaf("NYC Office", NOW.plus(left), null, null);
  }

  private static FleetLeaf leafWithBacklog(String name, Long waiting, Double percentFull) {
    return leaf(name, NOW.plusDays(300), waiting, percentFull);
  }

  private static FleetLeaf leaf(
      String name, OffsetDateTime certExpiresAt, Long waiting, Double percentFull) {
    return new FleetLeaf(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "acme",
        "nyc",
        name,
        "active",
        "connected",
        "leaf-acme-nyc",
        NOW,
        null,
        null,
        certExpiresAt,
        waiting,
        percentFull,
        waiting == null ? null : NOW.minusHours(3),
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
  void outageBacklogsListOnlySitesHoldingBackDataLargestFirst() {
    List<FleetPage.Backlog> backlogs =
        FleetPage.backlogs(
            List.of(
                leafWithBacklog("Never read", null, null),
                leafWithBacklog("Drained", 0L, 0.0),
                leafWithBacklog("Small", 12L, 0.1),
                leafWithBacklog("Large", 90_000L, 81.25)),
            Map.of(),
            NOW);

    assertThat(backlogs).extracting(FleetPage.Backlog::site).containsExactly("Large", "Small");
    assertThat(backlogs.get(0).waiting()).isEqualTo(90_000L);
    assertThat(backlogs.get(0).percentFull()).isEqualTo("81.3 %");
    assertThat(backlogs.get(0).oldestFor()).isEqualTo("3h");
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
