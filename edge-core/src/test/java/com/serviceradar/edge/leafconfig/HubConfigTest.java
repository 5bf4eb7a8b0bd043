package com.serviceradar.edge.leafconfig;

import static com.serviceradar.edge.leafconfig.LeafFixtures.HUB_LEAF_URL;
import static com.serviceradar.edge.leafconfig.LeafFixtures.acme;
import static com.serviceradar.edge.leafconfig.LeafFixtures.globex;
import static com.serviceradar.edge.leafconfig.LeafFixtures.hubConfig;
import static com.serviceradar.edge.leafconfig.LeafFixtures.systemAccount;
import static com.serviceradar.edge.testing.IdentityFixtures.operatorJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubConfigTest {

  @Test
  void rendersTheGoldenHubConfiguration() {
    Golden.assertMatches("nats-hub.conf", hubConfig().render());
  }

  @Test
  void accountOrderDoesNotChangeTheBytes() {
    HubConfig reordered =
        HubConfig.of(
                LeafFixtures.HUB_CLIENT_URL,
                HUB_LEAF_URL,
                operatorJwt(),
                systemAccount(),
                List.of(acme(), globex()))
            .withMonitoring(new HostPort("127.0.0.1", 8222));

    assertThat(reordered.render()).isEqualTo(hubConfig().render());
  }

  @Test
  void plainClientUrlMeansNoClientTlsAndNoMonitoringUnlessAsked() {
    String rendered =
        HubConfig.of(
                NatsUrl.parse("nats://hub.internal:4333"),
                HUB_LEAF_URL,
                operatorJwt(),
                systemAccount(),
                List.of())
            .withListenHost("10.0.0.5")
            .render();

    assertThat(rendered)
        .contains("listen: \"10.0.0.5:4333\"\n\n# Operator mode.")
        .doesNotContain("http:")
        .contains("  host: \"10.0.0.5\"\n  port: 7422\n")
        .containsOnlyOnce("tls {");
  }

  @Test
  void certificateHostsAreTheUrlHostsOnce() {
    assertThat(hubConfig().certificateHosts()).containsExactly("nats.serviceradar.cloud");
    assertThat(
            HubConfig.of(
                    NatsUrl.parse("nats://10.0.0.5:4222"),
                    HUB_LEAF_URL,
                    operatorJwt(),
                    systemAccount(),
                    List.of())
                .certificateHosts())
        .containsExactly("nats.serviceradar.cloud", "10.0.0.5");
  }

  @Test
  void refusesAccountsTwiceAndSharedPorts() {
    assertThatThrownBy(
            () ->
                HubConfig.of(
                    LeafFixtures.HUB_CLIENT_URL,
                    HUB_LEAF_URL,
                    operatorJwt(),
                    systemAccount(),
                    List.of(acme(), acme())))
        .hasMessageContaining("is given twice");
    assertThatThrownBy(
            () ->
                HubConfig.of(
                    NatsUrl.parse("nats://h:7422"),
                    HUB_LEAF_URL,
                    operatorJwt(),
                    systemAccount(),
                    List.of()))
        .hasMessage("client and leafnode listeners cannot share port 7422");
    assertThatThrownBy(() -> hubConfig().withMonitoring(new HostPort("127.0.0.1", 4222)))
        .hasMessage("monitoring port 4222 is taken by another listener");
  }
}
