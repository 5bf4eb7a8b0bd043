package com.serviceradar.edge.bundle;

import static com.serviceradar.edge.testing.IdentityFixtures.operatorJwt;
import static com.serviceradar.edge.testing.IdentityFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.leafconfig.HubConfig;
import com.serviceradar.edge.names.NatsUrl;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

class HubBundleTest {

  private final HubConfig config =
      HubConfig.of(
          NatsUrl.parse("tls://nats.serviceradar.cloud:4222"),
          NatsUrl.parse("tls://nats.serviceradar.cloud:7422"),
          operatorJwt(),
          BundleFixtures.account("system-account.jwt"),
          List.of(BundleFixtures.account("acme-account.jwt")));

  @Test
  void holdsTheConfigurationHubCertificateKeyAndRootWithAManifest() throws Exception {
    Bundle bundle =
        HubBundle.create(
            config, text("hub.pem"), text("hub-key.pem"), text("platform-root-ca.pem"));

    Map<String, String> modes =
        TarGzTest.entries(bundle.toTarGz()).stream()
            .collect(
                Collectors.toMap(
                    TarArchiveEntry::getName,
                    entry -> Integer.toOctalString(entry.getMode() & 07777)));
    assertThat(bundle.fileName()).isEqualTo("nats-hub.tar.gz");
    assertThat(modes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "nats-hub/", "755",
                "nats-hub/certs/", "755",
                "nats-hub/nats-hub.conf", "644",
                "nats-hub/certs/hub.pem", "644",
                "nats-hub/certs/hub-key.pem", "600",
                "nats-hub/certs/platform-root-ca.pem", "644",
                "nats-hub/MANIFEST.sha256", "644"));
    assertThat(bundle.file("nats-hub.conf").orElseThrow().text()).isEqualTo(config.render());
    assertThat(bundle.manifest().sha256ByPath()).hasSize(4);
  }

  @Test
  void refusesAHubCertificateFromAnotherRoot() {
    assertThatThrownBy(
            () ->
                HubBundle.create(config, text("hub.pem"), text("hub-key.pem"), text("acme-ca.pem")))
        .hasMessage("hub certificate was not signed by the platform root");
  }
}
