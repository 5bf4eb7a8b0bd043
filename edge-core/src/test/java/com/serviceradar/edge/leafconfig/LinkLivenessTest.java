package com.serviceradar.edge.leafconfig;

import static com.serviceradar.edge.leafconfig.LeafFixtures.hubConfig;
import static com.serviceradar.edge.leafconfig.LeafFixtures.leafConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkLivenessTest {

  @Test
  void theHubNoticesASilentLinkWithinThreePingIntervalsByDefault() {
    LinkLiveness hub = LinkLiveness.HUB_DEFAULT;

    assertThat(hub.pingMax()).isEqualTo(1);
    assertThat(hub.hubNoticesWithin()).isEqualTo(hub.pingInterval().multipliedBy(3));
    assertThat(hub.hubNoticesWithin()).isLessThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theLeafToleratesALongerWaitForItsPongThanTheHub() {
    assertThat(
            LinkLiveness.LEAF_DEFAULT
                .pingInterval()
                .multipliedBy(LinkLiveness.LEAF_DEFAULT.pingMax()))
        .isGreaterThan(
            LinkLiveness.HUB_DEFAULT
                .pingInterval()
                .multipliedBy(LinkLiveness.HUB_DEFAULT.pingMax()));
  }

  @Test
  void rendersAsNatsServerDurationTextAndACount() {
    LinkLiveness liveness = new LinkLiveness(Duration.ofMinutes(2), 2);

    assertThat(liveness.pingIntervalText()).isEqualTo("120s");
    assertThat(hubConfig().withLinkLiveness(liveness).render())
        .contains("\nping_interval: \"120s\"\nping_max: 2\n");
    assertThat(leafConfig().withLinkLiveness(liveness).render())
        .contains("\nping_interval: \"120s\"\nping_max: 2\n");
  }

  @Test
  void theConfigurationsCarryTheirOwnDefaults() {
    assertThat(hubConfig().linkLiveness()).isEqualTo(LinkLiveness.HUB_DEFAULT);
    assertThat(leafConfig().linkLiveness()).isEqualTo(LinkLiveness.LEAF_DEFAULT);
  }

  @Test
  void refusesIntervalsOutsideWholeSecondsFromOneSecondToAnHourAndCountsOutsideOneToTen() {
    assertThatThrownBy(() -> new LinkLiveness(Duration.ofMillis(500), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pingInterval");
    assertThatThrownBy(() -> new LinkLiveness(Duration.ofMillis(2500), 1))
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> new LinkLiveness(Duration.ofHours(2), 1))
        .hasMessageContaining("pingInterval");
    assertThatThrownBy(() -> new LinkLiveness(Duration.ofSeconds(20), 0))
        .hasMessageContaining("pingMax");
    assertThatThrownBy(() -> new LinkLiveness(Duration.ofSeconds(20), 11))
        .hasMessageContaining("pingMax");
    assertThatThrownBy(() -> new LinkLiveness(null, 1)).isInstanceOf(NullPointerException.class);
  }
}
