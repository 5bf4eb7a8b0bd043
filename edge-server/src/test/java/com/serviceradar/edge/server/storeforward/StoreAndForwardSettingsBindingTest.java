package com.serviceradar.edge.server.storeforward;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApplicationEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/** Each EDGE_STORE_AND_FORWARD_* variable reaches its setting, through the real properties. */
class StoreAndForwardSettingsBindingTest {

  private static StoreAndForwardSettings bind(Map<String, Object> variables) {
    return Binder.get(ApplicationEnvironment.withVariables(variables))
        .bind("edge.store-and-forward", StoreAndForwardSettings.class)
        .get();
  }

  @Test
  void
      defaultsTendBuffersEveryTenSecondsRestartAStalledSourceAfterAMinuteAndCallALinkSilentAfterThirtySeconds() {
    StoreAndForwardSettings settings = bind(Map.of());

    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.stallAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.silentAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.sitesPerRelay()).isEqualTo(100);
    assertThat(settings.dropSourceAfter()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyVariableBinds() {
    StoreAndForwardSettings settings =
        bind(
            Map.of(
                "EDGE_STORE_AND_FORWARD_INTERVAL", "2s",
                "EDGE_STORE_AND_FORWARD_STALL_AFTER", "5m",
                "EDGE_STORE_AND_FORWARD_SILENT_AFTER", "45s",
                "EDGE_STORE_AND_FORWARD_SITES_PER_RELAY", "250",
                "EDGE_STORE_AND_FORWARD_DROP_SOURCE_AFTER", "1h"));

    assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.stallAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.silentAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(settings.sitesPerRelay()).isEqualTo(250);
    assertThat(settings.dropSourceAfter()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aRelayWithoutRoomIsRefusedNamingTheVariable() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> bind(Map.of("EDGE_STORE_AND_FORWARD_SITES_PER_RELAY", "0")))
        .rootCause()
        .hasMessageContaining("EDGE_STORE_AND_FORWARD_SITES_PER_RELAY");
  }
}
