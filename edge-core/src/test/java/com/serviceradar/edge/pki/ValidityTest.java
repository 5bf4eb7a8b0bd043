package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class ValidityTest {

  @Test
  void validityStartsFiveMinutesEarlyForClockSkew() {
    Validity validity = Validity.from(NOW, Period.ofYears(1));

    assertThat(validity.notBefore()).isEqualTo(Instant.parse("2026-03-01T11:55:00Z"));
    assertThat(validity.notAfter()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
  }

  @Test
  void yearsAreCalendarYearsInUtc() {
    Validity leapDay = Validity.from(Instant.parse("2028-02-29T00:00:00Z"), Period.ofYears(1));

    assertThat(leapDay.notAfter()).isEqualTo(Instant.parse("2029-02-28T00:00:00Z"));
  }

  @Test
  void validityIsTruncatedToWholeSecondsAsX509Stores() {
    Validity validity = Validity.from(NOW.plusMillis(999), Duration.ofHours(1));

    assertThat(validity.notBefore()).isEqualTo(Instant.parse("2026-03-01T11:55:00Z"));
    assertThat(validity.notAfter()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
  }

  @Test
  void validityMustEndAfterItStarts() {
    assertThatThrownBy(() -> new Validity(NOW, NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notAfter (2026-03-01T12:00:00Z) must be after notBefore");
  }
}
