package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.support.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the site agent may start a due renewal, judged by the site's latest rotation. */
class RenewalAttemptTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  private static Optional<JsonValue> rotation(
      String state, Duration startedAgo, Duration endedAgo) {
    return Optional.of(
        Json.object(
            "state",
            state,
            "startedAt",
            NOW.minus(startedAgo).toString(),
            "finishedAt",
            endedAgo == null ? null : NOW.minus(endedAgo).toString()));
  }

  @Test
  void aSiteNeverRenewedOrLastRenewedOverADayAgoRenewsNow() {
    assertThat(RenewalAttempt.judge(Optional.empty(), NOW)).isEqualTo(RenewalAttempt.START);
    assertThat(
            RenewalAttempt.judge(
                rotation("completed", Duration.ofDays(300), Duration.ofDays(300)), NOW))
        .isEqualTo(RenewalAttempt.START);
    assertThat(
            RenewalAttempt.judge(
                rotation("cancelled", Duration.ofHours(1), Duration.ofHours(1)), NOW))
        .isEqualTo(RenewalAttempt.START);
  }

  @Test
  void aRolledBackRenewalIsRetriedOnlySixHoursLater() {
    assertThat(
            RenewalAttempt.judge(
                rotation("rolled_back", Duration.ofHours(1), Duration.ofMinutes(59)), NOW))
        .isEqualTo(RenewalAttempt.BACKING_OFF);
    assertThat(
            RenewalAttempt.judge(
                rotation("rolled_back", Duration.ofHours(7), Duration.ofHours(6).plusSeconds(1)),
                NOW))
        .isEqualTo(RenewalAttempt.START);
  }

  @Test
  void aRenewalUnderWayIsLeftAloneUntilItsPendingStateIsAbandoned() {
    assertThat(RenewalAttempt.judge(rotation("pending", Duration.ofMinutes(2), null), NOW))
        .isEqualTo(RenewalAttempt.IN_PROGRESS);
    assertThat(RenewalAttempt.judge(rotation("cutting_over", Duration.ofDays(2), null), NOW))
        .isEqualTo(RenewalAttempt.IN_PROGRESS);
    assertThat(RenewalAttempt.judge(rotation("pending", Duration.ofMinutes(11), null), NOW))
        .isEqualTo(RenewalAttempt.ABANDONED);
  }

  @Test
  void aSiteRenewedWithinTheLastDayIsNotRenewedAgainEvenWhenDue() {
    assertThat(
            RenewalAttempt.judge(
                rotation("completed", Duration.ofHours(23), Duration.ofHours(23)), NOW))
        .isEqualTo(RenewalAttempt.RENEWED_RECENTLY);
    assertThat(
            RenewalAttempt.judge(
                rotation("completed", Duration.ofHours(25), Duration.ofHours(25)), NOW))
        .isEqualTo(RenewalAttempt.START);
  }
}
