package com.serviceradar.edge.storeforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which relay a site joins, where its source starts, how far a relay is purged. */
class RelaysTest {

  @Test
  void aSiteJoinsTheLowestRelayWithRoom() {
    assertThat(Relays.withRoom(Map.of(), 100, Set.of())).isZero();
    assertThat(Relays.withRoom(Map.of(0, 99), 100, Set.of())).isZero();
    assertThat(Relays.withRoom(Map.of(0, 100, 1, 3), 100, Set.of())).isEqualTo(1);
    assertThat(Relays.withRoom(Map.of(0, 2, 1, 1), 2, Set.of()))
        .as("a deleted site's place is reused")
        .isEqualTo(1);
    assertThat(Relays.withRoom(Map.of(0, 2, 1, 2), 2, Set.of())).isEqualTo(2);
    assertThatThrownBy(() -> Relays.withRoom(Map.of(), 0, Set.of()))
        .hasMessageContaining("at least one");
  }

  @Test
  void aReusedSlugNeverReturnsToARelayItWasIn() {
    assertThat(Relays.withRoom(Map.of(0, 1), 100, Set.of(0))).isEqualTo(1);
    assertThat(Relays.withRoom(Map.of(0, 1, 1, 100), 100, Set.of(0))).isEqualTo(2);
  }

  @Test
  void aSourceStartsAfterTheWatermarkOfItsOwnBuffer() {
    assertThat(Relays.startSeq(0, OptionalLong.empty())).isEqualTo(1);
    assertThat(Relays.startSeq(500, OptionalLong.of(800))).isEqualTo(501);
    assertThat(Relays.startSeq(500, OptionalLong.of(500))).isEqualTo(501);
    assertThat(Relays.startSeq(500, OptionalLong.empty()))
        .as("never observed: the watermark may be an earlier buffer's")
        .isEqualTo(1);
    assertThat(Relays.startSeq(500, OptionalLong.of(20)))
        .as("a wiped leaf store starts again at 1: its new messages are all undelivered")
        .isEqualTo(1);
  }

  @Test
  void aRelayIsPurgedOnlyAsFarAsIngestHoldsItTheWatermarksAreReadAndNoUntrimmedSiteLosesItsPlace() {
    assertThat(Relays.purgeableUpTo(900, 1000, List.of())).hasValue(900);
    assertThat(Relays.purgeableUpTo(1000, 700, List.of())).hasValue(700);
    assertThat(Relays.purgeableUpTo(1000, 1000, List.of(650L, 800L))).hasValue(649);
    assertThat(Relays.purgeableUpTo(1000, 1000, List.of(1L))).isEmpty();
    assertThat(Relays.purgeableUpTo(0, 1000, List.of())).isEmpty();
  }
}
