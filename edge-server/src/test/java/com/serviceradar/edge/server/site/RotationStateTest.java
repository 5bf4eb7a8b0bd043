package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RotationStateTest {

  private static Set<RotationState> movesFrom(RotationState state) {
    Set<RotationState> legal = EnumSet.noneOf(RotationState.class);
    for (RotationState next : RotationState.values()) {
      if (state.canMoveTo(next)) {
        legal.add(next);
      }
    }
    return legal;
  }

  @Test
  void pendingRotationCutsOverRollsBackOrIsCancelled() {
    assertThat(movesFrom(RotationState.PENDING))
        .containsExactlyInAnyOrder(
            RotationState.CUTTING_OVER, RotationState.ROLLED_BACK, RotationState.CANCELLED);
  }

  @Test
  void onlyACutOverRotationCanComplete() {
    assertThat(movesFrom(RotationState.CUTTING_OVER))
        .containsExactlyInAnyOrder(
            RotationState.COMPLETED, RotationState.ROLLED_BACK, RotationState.CANCELLED);
    assertThat(RotationState.PENDING.canMoveTo(RotationState.COMPLETED)).isFalse();
  }

  @Test
  void finishedRotationsNeverMoveAgain() {
    for (RotationState finished :
        EnumSet.of(RotationState.COMPLETED, RotationState.ROLLED_BACK, RotationState.CANCELLED)) {
      assertThat(movesFrom(finished)).as(finished.name()).isEmpty();
      assertThat(finished.isOpen()).isFalse();
    }
    assertThat(RotationState.PENDING.isOpen()).isTrue();
    assertThat(RotationState.CUTTING_OVER.isOpen()).isTrue();
  }

  @Test
  void illegalMoveNamesBothStates() {
    assertThatThrownBy(() -> RotationState.COMPLETED.moveTo(RotationState.ROLLED_BACK))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a leaf rotation cannot move from completed to rolled_back");
  }

  @Test
  void wireNamesRoundTrip() {
    for (RotationState state : RotationState.values()) {
      assertThat(RotationState.fromWireName(state.wireName())).isEqualTo(state);
    }
    assertThat(RotationState.CUTTING_OVER.wireName()).isEqualTo("cutting_over");
  }
}
