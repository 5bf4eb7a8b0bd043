package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.Fixtures.LEAF_USER_PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedTest {

  private static final String LEAF_SEED =
      "SUAIIUSDWRTZM2CZYOMFBMBFWWMDM4X2GFJBFZHBMSFOUWS22DM52ITX74";

  @Test
  void knowsItsPublicKeyAndShowsOnlyThat() {
    Seed seed = Seed.of(LEAF_SEED);

    assertThat(seed.publicKey()).isEqualTo(LEAF_USER_PUBLIC);
    assertThat(seed).hasToString("Seed[" + LEAF_USER_PUBLIC + ", secret not shown]");
  }

  @Test
  void revealsACopyOfTheSecret() {
    Seed seed = Seed.of(LEAF_SEED.toCharArray());
    char[] revealed = seed.reveal();
    java.util.Arrays.fill(revealed, 'x');

    assertThat(new String(seed.reveal())).isEqualTo(LEAF_SEED);
  }

  @Test
  void equalsAnotherSeedOnlyWithTheSameSecret() {
    assertThat(Seed.of(LEAF_SEED)).isEqualTo(Seed.of(LEAF_SEED.toCharArray()));
    assertThat(Seed.of(LEAF_SEED)).isNotEqualTo(Fixtures.MONITOR_USER);
  }

  @Test
  void refusesTextThatIsNoSeedWithoutRepeatingIt() {
    String almost = LEAF_SEED.substring(0, LEAF_SEED.length() - 1) + "A";

    assertThatThrownBy(() -> Seed.of(almost))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid nkey seed");
    assertThatThrownBy(() -> Seed.of(LEAF_USER_PUBLIC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid nkey seed");
    assertThatThrownBy(() -> Seed.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seed is required");
  }
}
