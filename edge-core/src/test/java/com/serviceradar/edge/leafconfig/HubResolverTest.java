package com.serviceradar.edge.leafconfig;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.PlatformRootCa;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's full resolver with preloads, on the real nats-server 2.9: a preloaded account JWT is
 * stored only when newer than the resolver directory's, so restarting the hub from an older
 * configuration keeps a revocation pushed since.
 */
@SuppressWarnings("try") // jnats' Connection.close() declares InterruptedException
class HubResolverTest {

  private final SecureRandom random = new SecureRandom();
  private final Instant now = Instant.now().minus(Duration.ofMinutes(1));

  @TempDir Path directory;

  @Test
  void aRevocationPushedToTheHubSurvivesARestartWithTheOlderPreload() throws Exception {
    NatsIdentities identities =
        new NatsIdentities(Clock.fixed(now.minusSeconds(60), ZoneOffset.UTC), random);
    NatsOperator operator = identities.createOperator("serviceradar-test");
    TenantAccount acme = identities.createTenantAccount(operator, TenantSlug.of("acme"));
    UserCredentials collector =
        identities.issueUser(
            acme, "collector", UserPermissions.allow(List.of(">"), List.of()), List.of());
    UserCredentials monitor = identities.issueMonitorUser(operator);
    TenantAccount revoked =
        new NatsIdentities(Clock.fixed(now, ZoneOffset.UTC), random)
            .reissueTenantAccount(operator, acme, Map.of(collector.publicKey(), now));
    int clientPort = NatsServerProcess.freePort();
    HubConfig hub =
        HubConfig.of(
                NatsUrl.parse("nats://127.0.0.1:" + clientPort),
                NatsUrl.parse("tls://127.0.0.1:" + NatsServerProcess.freePort()),
                operator.jwt(),
                AccountJwt.of(operator.systemAccount()),
                List.of(AccountJwt.of(acme)))
            .withListenHost("127.0.0.1")
            .withPaths(
                new HubPaths(
                    directory.resolve("etc").toString(),
                    directory.resolve("jwt").toString(),
                    directory.resolve("data").toString()));
    PlatformRootCa root = PlatformRootCa.create(now, random);
    IssuedCertificate certificate =
        root.issueHubServerCertificate(hub.certificateHosts(), now, random);
    Files.createDirectories(directory.resolve("etc/certs"));
    Files.writeString(
        Path.of(hub.paths().certFile(HubPaths.CERT_FILE)), certificate.certificatePem());
    Files.writeString(
        Path.of(hub.paths().certFile(HubPaths.KEY_FILE)), certificate.privateKeyPem());
    Files.writeString(Path.of(hub.paths().certFile(HubPaths.ROOT_CA_FILE)), root.certificatePem());
    Path conf = Path.of(hub.paths().confFile());
    Files.writeString(conf, hub.render());
    String url = "nats://127.0.0.1:" + clientPort;

    try (NatsServerProcess server = NatsServerProcess.startFromFile(conf, clientPort, null)) {
      LocalNats.connect(url, collector.credsText(), null).close();
      try (Connection system = LocalNats.connect(url, monitor.credsText(), null)) {
        Message reply =
            system.request(
                "$SYS.REQ.CLAIMS.UPDATE", revoked.jwt().getBytes(UTF_8), Duration.ofSeconds(2));
        assertThat(new String(reply.getData(), UTF_8)).contains("\"code\":200");
      }
    }

    try (NatsServerProcess restarted = NatsServerProcess.startFromFile(conf, clientPort, null)) {
      assertThat(LocalNats.refusedConnect(url, collector.credsText(), null))
          .as(restarted.log())
          .hasMessageContaining("Authorization Violation");
      assertThat(
              Files.readString(directory.resolve("jwt").resolve(acme.publicKey() + ".jwt")).strip())
          .isEqualTo(revoked.jwt());
    }
  }
}
