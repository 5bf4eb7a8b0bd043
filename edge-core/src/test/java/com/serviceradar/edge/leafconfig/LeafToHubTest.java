package com.serviceradar.edge.leafconfig;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.PlatformRootCa;
import com.serviceradar.edge.pki.TenantCa;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.testing.NatsServerProcess.ConfigCheck;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub and a leaf started by the real nats-server 2.9 from the rendered configurations, on free
 * loopback ports: mutual TLS on the link, a collector's tenant creds at the leaf, a subscriber at
 * the hub. The leaf's certificate files carry the tenant CA after their own certificate, so the hub
 * verifies them against the platform root alone.
 */
@SuppressWarnings("try") // jnats' Connection.close() declares InterruptedException
class LeafToHubTest {

  private final SecureRandom random = new SecureRandom();
  private final Instant now = Instant.now().minus(Duration.ofMinutes(1));
  private final NatsIdentities identities = new NatsIdentities(Clock.systemUTC(), random);
  private final NatsOperator operator = identities.createOperator("serviceradar-test");
  private final TenantAccount acme =
      identities.createTenantAccount(operator, TenantSlug.of("acme"));
  private final PlatformRootCa root = PlatformRootCa.create(now, random);
  private final TenantCa acmeCa = root.issueTenantCa(TenantSlug.of("acme"), now, random);
  private final SiteSlug site = SiteSlug.of("nyc-office");

  @TempDir Path directory;

  @Test
  void renderedConfigurationsPassTheConfigCheckFromAnyWorkingDirectory() throws Exception {
    Servers servers = writeServers();

    ConfigCheck hub = NatsServerProcess.checkConfig(servers.hubConf(), Path.of("/"));
    ConfigCheck leaf = NatsServerProcess.checkConfig(servers.leafConf(), Path.of("/"));

    assertThat(hub.exitCode()).as(hub.output()).isZero();
    assertThat(leaf.exitCode()).as(leaf.output()).isZero();
  }

  @Test
  void hubWithTlsForClientsAndMonitoringPassesTheConfigCheck() throws Exception {
    Servers servers = writeServers();
    HubConfig tlsHub =
        new HubConfig(
            "hub-tls",
            NatsUrl.parse("tls://127.0.0.1:" + NatsServerProcess.freePort()),
            servers.hub().leafUrl(),
            "127.0.0.1",
            Optional.of(new HostPort("127.0.0.1", NatsServerProcess.freePort())),
            servers.hub().paths(),
            operator.jwt(),
            AccountJwt.of(operator.systemAccount()),
            List.of(AccountJwt.of(acme)),
            LinkLiveness.HUB_DEFAULT);
    Path conf = directory.resolve("hub-tls.conf");
    Files.writeString(conf, tlsHub.render(), UTF_8);

    ConfigCheck check = NatsServerProcess.checkConfig(conf, Path.of("/"));

    assertThat(tlsHub.render()).contains("tls {\n  cert_file:").contains("http: \"127.0.0.1:");
    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  @Test
  void leafLinksUpOverMutualTlsAndCarriesLiveTenantMessagesToTheHub() throws Exception {
    Servers servers = writeServers();
    UserCredentials collector =
        identities.issueUser(
            acme,
            "collector.snmp",
            UserPermissions.allow(List.of("ops.>"), List.of()),
            List.of("kind:collector"));
    UserCredentials consumer =
        identities.issueUser(
            acme,
            "consumer.saas",
            UserPermissions.allow(List.of(), List.of("ops.>")),
            List.of("kind:consumer"));

    try (NatsServerProcess hub =
            NatsServerProcess.startFromFile(
                servers.hubConf(), servers.hub().clientUrl().port(), null);
        NatsServerProcess leaf =
            NatsServerProcess.startFromFile(
                servers.leafConf(),
                servers.leaf().localListen().port(),
                Path.of(servers.leaf().paths().logFile()))) {
      String leafz = LocalNats.awaitLeafz(servers.leaf().monitoringPort(), Duration.ofSeconds(5));
      assertThat(leafz).as(leaf.log() + hub.log()).isNotNull();
      assertThat(LocalNats.leafnodes(leafz)).as(leafz + leaf.log() + hub.log()).isEqualTo(1);
      assertThat(leafz).contains("\"account\": \"" + acme.publicKey() + "\"");

      String leafUrl = "tls://127.0.0.1:" + servers.leaf().localListen().port();
      try (Connection atHub = LocalNats.connect(hub.clientUrl(), consumer.credsText(), null);
          Connection atLeaf =
              LocalNats.connect(leafUrl, collector.credsText(), acmeCa.caChainPem())) {
        Subscription subscription = atHub.subscribe("ops.heartbeat");
        atHub.flush(Duration.ofSeconds(2));

        Message received =
            LocalNats.publishUntilReceived(
                atLeaf, subscription, "ops.heartbeat", "from the edge", Duration.ofSeconds(5));

        assertThat(received).as(leaf.log()).isNotNull();
        assertThat(new String(received.getData(), UTF_8)).isEqualTo("from the edge");
      }
      assertThat(LocalNats.refusedConnect(leafUrl, null, acmeCa.caChainPem()))
          .hasMessageContaining("Authorization Violation");
    }
  }

  private record Servers(HubConfig hub, Path hubConf, LeafConfig leaf, Path leafConf) {}

  private Servers writeServers() throws IOException {
    int hubClientPort = NatsServerProcess.freePort();
    int hubLeafPort = NatsServerProcess.freePort();
    int leafClientPort = NatsServerProcess.freePort();
    int leafMonitoringPort = NatsServerProcess.freePort();

    Path hubDir = directory.resolve("hub");
    HubConfig hub =
        HubConfig.of(
                NatsUrl.parse("nats://127.0.0.1:" + hubClientPort),
                NatsUrl.parse("tls://127.0.0.1:" + hubLeafPort),
                operator.jwt(),
                AccountJwt.of(operator.systemAccount()),
                List.of(AccountJwt.of(acme)))
            .withListenHost("127.0.0.1")
            .withPaths(
                new HubPaths(
                    hubDir.resolve("etc").toString(),
                    hubDir.resolve("jwt").toString(),
                    hubDir.resolve("data").toString()));
    IssuedCertificate hubCertificate =
        root.issueHubServerCertificate(hub.certificateHosts(), now, random);
    write(hub.paths().certFile(HubPaths.CERT_FILE), hubCertificate.certificatePem(), false);
    write(hub.paths().certFile(HubPaths.KEY_FILE), hubCertificate.privateKeyPem(), true);
    write(hub.paths().certFile(HubPaths.ROOT_CA_FILE), root.certificatePem(), false);
    write(hub.paths().confFile(), hub.render(), false);

    Path leafDir = directory.resolve("leaf");
    LeafConfig leaf =
        LeafConfig.forSite(
                TenantSlug.of("acme"),
                site,
                hub.leafUrl(),
                operator.jwt(),
                AccountJwt.of(operator.systemAccount()),
                AccountJwt.of(acme))
            .withLocalListen(new HostPort("127.0.0.1", leafClientPort))
            .withMonitoringPort(leafMonitoringPort)
            .withPaths(
                new LeafPaths(
                    leafDir.resolve("etc").toString(),
                    leafDir.resolve("data").toString(),
                    leafDir.resolve("log").toString()));
    IssuedCertificate upstream = acmeCa.issueLeafCertificate(site, now, random);
    IssuedCertificate local =
        acmeCa.issueLocalServerCertificate(site, Optional.empty(), now, random);
    LeafPaths paths = leaf.paths();
    write(
        paths.certFile(LeafPaths.SERVER_CERT_FILE),
        local.certificatePem() + acmeCa.certificatePem(),
        false);
    write(paths.certFile(LeafPaths.SERVER_KEY_FILE), local.privateKeyPem(), true);
    write(
        paths.certFile(LeafPaths.LEAF_CERT_FILE),
        upstream.certificatePem() + acmeCa.certificatePem(),
        false);
    write(paths.certFile(LeafPaths.LEAF_KEY_FILE), upstream.privateKeyPem(), true);
    write(paths.certFile(LeafPaths.CA_CHAIN_FILE), acmeCa.caChainPem(), false);
    write(
        paths.credsFile(),
        identities.issueLeafUser(acme, site, UUID.randomUUID()).credsText(),
        true);
    write(paths.confFile(), leaf.render(), false);
    Files.createDirectories(Path.of(paths.logDir()));
    return new Servers(hub, Path.of(hub.paths().confFile()), leaf, Path.of(paths.confFile()));
  }

  private static void write(String file, String text, boolean secret) throws IOException {
    Path path = Path.of(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, UTF_8);
    if (secret) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
