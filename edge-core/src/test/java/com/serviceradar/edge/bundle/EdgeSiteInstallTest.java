package com.serviceradar.edge.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.leafconfig.AccountJwt;
import com.serviceradar.edge.leafconfig.HubConfig;
import com.serviceradar.edge.leafconfig.HubPaths;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real processes: a hub from the extracted hub bundle, a leaf installed from
 * the extracted edge site bundle by {@code setup.sh --prefix --no-service} and started from the
 * installed configuration; {@code setup.sh --check} sees the link, and a collector at the leaf
 * reaches a subscriber at the hub.
 */
@SuppressWarnings("try") // jnats' Connection.close() declares InterruptedException
class EdgeSiteInstallTest {

  private final FreshSite fresh = new FreshSite();

  @TempDir Path directory;

  @Test
  void installedLeafLinksToTheHubAndSetupCheckConfirmsIt() throws Exception {
    int hubClientPort = NatsServerProcess.freePort();
    Path hubHome = directory.resolve("nats-hub");
    HubConfig hubConfig =
        HubConfig.of(
                NatsUrl.parse("nats://127.0.0.1:" + hubClientPort),
                NatsUrl.parse("tls://127.0.0.1:" + NatsServerProcess.freePort()),
                fresh.operator.jwt(),
                AccountJwt.of(fresh.operator.systemAccount()),
                List.of(AccountJwt.of(fresh.acme)))
            .withListenHost("127.0.0.1")
            .withPaths(
                new HubPaths(
                    hubHome.toString(),
                    hubHome.resolve("jwt").toString(),
                    hubHome.resolve("data").toString()));
    IssuedCertificate hubCertificate =
        fresh.root.issueHubServerCertificate(hubConfig.certificateHosts(), fresh.now, fresh.random);
    Bundle hubBundle =
        HubBundle.create(
            hubConfig,
            hubCertificate.certificatePem(),
            hubCertificate.privateKeyPem(),
            fresh.root.certificatePem());
    BundleFixtures.extract(hubBundle, directory);

    LeafConfig leafConfig =
        fresh.config(
            hubConfig.leafUrl(), NatsServerProcess.freePort(), NatsServerProcess.freePort());
    Path site = BundleFixtures.extract(fresh.bundle("NYC Office", leafConfig), directory);
    Path prefix = directory.resolve("edge-host");
    Command.Result install =
        SetupScriptTest.setup(site, "--prefix", prefix.toString(), "--no-service");
    assertThat(install.exitCode()).as(install.output()).isZero();

    UserCredentials collector =
        fresh.identities.issueUser(
            fresh.acme,
            "collector.snmp",
            UserPermissions.allow(List.of("ops.>"), List.of()),
            List.of("kind:collector"));
    UserCredentials consumer =
        fresh.identities.issueUser(
            fresh.acme,
            "consumer.saas",
            UserPermissions.allow(List.of(), List.of("ops.>")),
            List.of("kind:consumer"));
    try (NatsServerProcess hub =
            NatsServerProcess.startFromFile(
                Path.of(hubConfig.paths().confFile()), hubClientPort, null);
        NatsServerProcess leaf =
            NatsServerProcess.startFromFile(
                prefix.resolve("etc/nats/nats-leaf.conf"),
                leafConfig.localListen().port(),
                prefix.resolve("var/log/nats/nats-leaf.log"))) {
      Command.Result check =
          SetupScriptTest.setup(site, "--check", "--prefix", prefix.toString(), "--wait", "5");

      assertThat(check.exitCode()).as(check.output() + leaf.log() + hub.log()).isZero();
      assertThat(check.output())
          .contains("OK: leaf leaf-acme-nyc-office is connected to " + hubConfig.leafUrl() + ".");

      String caChain = Files.readString(prefix.resolve("etc/nats/certs/ca-chain.pem"), UTF_8);
      try (Connection atHub = LocalNats.connect(hub.clientUrl(), consumer.credsText(), null);
          Connection atLeaf =
              LocalNats.connect(
                  "tls://127.0.0.1:" + leafConfig.localListen().port(),
                  collector.credsText(),
                  caChain)) {
        Subscription subscription = atHub.subscribe("ops.heartbeat");
        atHub.flush(Duration.ofSeconds(2));

        Message received =
            LocalNats.publishUntilReceived(
                atLeaf, subscription, "ops.heartbeat", "installed", Duration.ofSeconds(5));

        assertThat(received).as(leaf.log()).isNotNull();
        assertThat(new String(received.getData(), UTF_8)).isEqualTo("installed");
      }
    }
  }
}
