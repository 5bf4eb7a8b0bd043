package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private static CertificateExpiry in(Duration left) {
    return CertificateExpiry.of(OffsetDateTime.ofInstant(NOW.plus(left), ZoneOffset.UTC), NOW);
  }

  @Test
  void aCertificateIssuedForTwentyDaysWarnsAndReadsTwentyDays() {
    CertificateExpiry expiry = in(Duration.ofDays(20).minusSeconds(3));

    assertThat(expiry.level()).isEqualTo(CertificateExpiry.Level.WARNING);
    assertThat(expiry.summary()).isEqualTo("expires in 20 days");
    assertThat(expiry.needsAttention()).isTrue();
  }

  @Test
  void thirtyAndSevenDaysAreTheThresholds() {
    assertThat(in(Duration.ofDays(31)).level()).isEqualTo(CertificateExpiry.Level.OK);
    assertThat(in(Duration.ofDays(30)).level()).isEqualTo(CertificateExpiry.Level.WARNING);
    assertThat(in(Duration.ofDays(8)).level()).isEqualTo(CertificateExpiry.Level.WARNING);
    assertThat(in(Duration.ofDays(7)).level()).isEqualTo(CertificateExpiry.Level.CRITICAL);
    assertThat(in(Duration.ofDays(31)).needsAttention()).isFalse();
  }

  @Test
  void anExpiredCertificateSaysSince() {
    CertificateExpiry expiry = in(Duration.ofDays(-3));

    assertThat(expiry.level()).isEqualTo(CertificateExpiry.Level.EXPIRED);
    assertThat(expiry.summary()).isEqualTo("expired 3 days ago");
    assertThat(expiry.tone()).isEqualTo("critical");
  }

  @Test
  void noCertificateYetIsUnknown() {
    CertificateExpiry expiry = CertificateExpiry.of(null, NOW);

    assertThat(expiry.level()).isEqualTo(CertificateExpiry.Level.UNKNOWN);
    assertThat(expiry.date()).isEqualTo("—");
    assertThat(expiry.needsAttention()).isFalse();
  }
}
