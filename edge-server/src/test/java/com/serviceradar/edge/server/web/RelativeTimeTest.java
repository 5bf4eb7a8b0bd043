package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private static String ago(String at) {
    return RelativeTime.since(OffsetDateTime.parse(at), NOW);
  }

  @Test
  void neverSeenReadsNever() {
    assertThat(RelativeTime.since(null, NOW)).isEqualTo("Never");
  }

  @Test
  void minutesHoursAndDaysAgo() {
    assertThat(ago("2026-11-27T11:59:30Z")).isEqualTo("just now");
    assertThat(ago("2026-11-27T11:57:00Z")).isEqualTo("3m ago");
    assertThat(ago("2026-11-27T07:00:00Z")).isEqualTo("5h ago");
    assertThat(ago("2026-11-25T11:00:00Z")).isEqualTo("2d ago");
  }

  @Test
  void aClockAheadOfOursStillReadsJustNow() {
    assertThat(
            RelativeTime.since(OffsetDateTime.ofInstant(NOW.plusSeconds(5), ZoneOffset.UTC), NOW))
        .isEqualTo("just now");
  }
}
