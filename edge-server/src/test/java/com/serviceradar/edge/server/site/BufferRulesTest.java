package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How buffer observations become conditions, timeline entries and source restarts. */
class BufferRulesTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 2, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void aBufferIsFillingFromEightyPercentAndFullFromNinetyFive() {
    assertThat(BufferRules.fill(79.9)).isEqualTo(BufferRules.Fill.NORMAL);
    assertThat(BufferRules.fill(80.0)).isEqualTo(BufferRules.Fill.FILLING);
    assertThat(BufferRules.fill(94.9)).isEqualTo(BufferRules.Fill.FILLING);
    assertThat(BufferRules.fill(95.0)).isEqualTo(BufferRules.Fill.FULL);
    assertThat(BufferRules.fill(100.0)).isEqualTo(BufferRules.Fill.FULL);
  }

  @Test
  void aBacklogDrainsWhenItWasThereAndIsGone() {
    assertThat(BufferRules.drained(120L, 0)).isTrue();
    assertThat(BufferRules.drained(0L, 0)).isFalse();
    assertThat(BufferRules.drained(null, 0)).isFalse();
    assertThat(BufferRules.drained(120L, 3)).isFalse();
  }

  @Test
  void aStallStartsWhenAConnectedLeafsBacklogDoesNotMoveAndKeepsItsStart() {
    OffsetDateTime earlier = NOW.minusSeconds(30);

    assertThat(BufferRules.stalledSince(Optional.empty(), true, 10, false, NOW)).contains(NOW);
    assertThat(BufferRules.stalledSince(Optional.of(earlier), true, 10, false, NOW))
        .contains(earlier);
  }

  @Test
  void noStallWhileTheLeafIsAwayTheBacklogIsEmptyOrDeliveriesMove() {
    Optional<OffsetDateTime> earlier = Optional.of(NOW.minusSeconds(30));

    assertThat(BufferRules.stalledSince(earlier, false, 10, false, NOW)).isEmpty();
    assertThat(BufferRules.stalledSince(earlier, true, 0, false, NOW)).isEmpty();
    assertThat(BufferRules.stalledSince(earlier, true, 10, true, NOW)).isEmpty();
  }

  @Test
  void aStallLastingTheWindowAsksForARestart() {
    Duration window = Duration.ofSeconds(60);

    assertThat(BufferRules.needsRestart(Optional.of(NOW.minusSeconds(60)), window, NOW)).isTrue();
    assertThat(BufferRules.needsRestart(Optional.of(NOW.minusSeconds(59)), window, NOW)).isFalse();
    assertThat(BufferRules.needsRestart(Optional.empty(), window, NOW)).isFalse();
  }

  @Test
  void aLeafListedForLongerThanTheWindowThatHasNotAnsweredForTheWholeWindowIsHalfOpen() {
    Duration window = Duration.ofSeconds(30);
    Optional<OffsetDateTime> longAgo = Optional.of(NOW.minusMinutes(5));

    assertThat(BufferRules.link(false, NOW.minusSeconds(30), window, longAgo, NOW))
        .isEqualTo(BufferRules.Link.HALF_OPEN);
    assertThat(BufferRules.link(true, NOW.minusSeconds(30), window, longAgo, NOW))
        .isEqualTo(BufferRules.Link.CARRYING);
  }

  @Test
  void noAnswerIsNotJudgedBeforeTheWindowOrWhileTheLeafIsAwayOrHasJustConnected() {
    Duration window = Duration.ofSeconds(30);
    OffsetDateTime longUnanswered = NOW.minusMinutes(10);

    assertThat(
            BufferRules.link(
                false, NOW.minusSeconds(29), window, Optional.of(NOW.minusMinutes(5)), NOW))
        .isEqualTo(BufferRules.Link.UNDECIDED);
    assertThat(BufferRules.link(false, longUnanswered, window, Optional.empty(), NOW))
        .isEqualTo(BufferRules.Link.UNDECIDED);
    assertThat(
            BufferRules.link(false, longUnanswered, window, Optional.of(NOW.minusSeconds(10)), NOW))
        .isEqualTo(BufferRules.Link.UNDECIDED);
  }
}
