package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.verify.BundleArchive;
import io.nats.client.Connection;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [E11] Revocations reach the leaf in seconds: the packaged control plane with its dev hub, a leaf
 * started on the installed configuration and linked to that hub, the site agent ({@code sync
 * --watch}) listening for change notices at the leaf, and collectors connected to the leaf with
 * their packages' creds. The agent polls only every 5 minutes here, so a cut within seconds can
 * only come from the notice.
 */
class ChangeNoticeEndToEndTest {

  /** The spec: refused at the leaf within 5 s of the revocation, with the agent running. */
  private static final Duration SPEC = Duration.ofSeconds(5);

  private static final Duration POLL_INTERVAL = Duration.ofMinutes(5);

  @TempDir static Path dir;

  private static ControlPlaneProcess server;

  @BeforeAll
  static void startControlPlane() throws Exception {
    server = ControlPlaneProcess.shared();
  }

  @Test
  void aRevokedCollectorIsRefusedAtTheLeafWithinSecondsOfTheNoticeAndByThePollWithoutTheAgent()
      throws Exception {
    CliRun cli = new CliRun(dir.resolve("config-home"));
    String adminToken = server.tenantAdminToken("kent");
    assertThat(cli.run("login", "--api", server.url(), "--token", adminToken).exitCode()).isZero();
    ApiClient admin = new ApiClient(server.url(), adminToken);
    ProvisionedHost host = ProvisionedHost.provision(cli, dir, "notice", "Metropolis", "tls");
    assertThat(host.result().exitCode()).as(host.result().all()).isZero();
    Path prefix = host.prefix();
    String leafUrl = "tls://127.0.0.1:" + host.clientPort();
    String caChain = Files.readString(prefix.resolve("etc/nats/certs/ca-chain.pem"));
    Collector first = Collector.create(cli, "flowgger-1");
    Collector second = Collector.create(cli, "flowgger-2");

    try (NatsServerProcess leaf = host.startLeaf()) {
      // Notices reach only leafs linked to the hub.
      LocalNats.awaitLeafz(host.monitoringPort(), Duration.ofSeconds(30));
      Connection collector = LocalNats.connect(leafUrl, first.creds(), caChain);
      collector.publish("events.metropolis", "before".getBytes(StandardCharsets.UTF_8));
      collector.flush(Duration.ofSeconds(2));

      AtomicReference<CliRun.Result> watched = new AtomicReference<>();
      Thread agent =
          new Thread(
              () ->
                  watched.set(
                      cli.run(
                          "sync",
                          "--watch",
                          "--interval",
                          POLL_INTERVAL.toSeconds() + "s",
                          "--prefix",
                          prefix.toString(),
                          "--json")));
      agent.start();
      Duration cutAfter;
      try {
        awaitAgentListening(host);
        admin.delete("/api/v1/collector-packages/" + first.id());
        cutAfter = awaitCut(collector, Instant.now(), SPEC.multipliedBy(3));
        System.out.printf(
            "BENCHMARK change notice: revoked collector cut at the leaf %d ms after the"
                + " revocation (spec %d ms)%n",
            cutAfter.toMillis(), SPEC.toMillis());
        assertThat(LocalNats.refusedConnect(leafUrl, first.creds(), caChain).getMessage())
            .containsIgnoringCase("authorization");
      } finally {
        agent.interrupt();
        agent.join(Duration.ofSeconds(10).toMillis());
      }

      assertThat(cutAfter).as("cut %s after the revocation", cutAfter).isLessThan(SPEC);
      assertThat(watched.get().out())
          .as(watched.get().all())
          .contains("\"status\":\"notice\"")
          .contains("\"status\":\"updated\"");
      assertThat(prefix.resolve("etc/serviceradar-edge/" + ChangeNotices.CREDS_FILE)).exists();
      assertThat(leaf.isAlive()).isTrue();

      // The agent is stopped: nothing hears the notice, and the poll (the timer's sync) applies
      // the revocation.
      Connection other = LocalNats.connect(leafUrl, second.creds(), caChain);
      admin.delete("/api/v1/collector-packages/" + second.id());
      Thread.sleep(SPEC.toMillis());
      assertThat(other.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      CliRun.Result polled = cli.run("sync", "--prefix", prefix.toString());
      assertThat(polled.exitCode()).as(polled.all()).isZero();
      awaitCut(other, Instant.now(), SPEC);
      assertThat(LocalNats.refusedConnect(leafUrl, second.creds(), caChain).getMessage())
          .containsIgnoringCase("authorization");
    }
  }

  /** A collector package of the site, and the creds in its bundle. */
  private record Collector(String id, String creds) {

    static Collector create(CliRun cli, String name) throws Exception {
      String id =
          Json.text(
              Json.parse(
                  cli.run(
                          "collectors",
                          "create",
                          "--type",
                          "flowgger",
                          "--site",
                          "metropolis",
                          "--name",
                          name,
                          "--json")
                      .out()
                      .strip()),
              "id",
              "");
      Path bundle = dir.resolve(name + ".tar.gz");
      assertThat(cli.run("collectors", "bundle", id, "-o", bundle.toString()).exitCode()).isZero();
      String creds =
          BundleArchive.read(Files.readAllBytes(bundle)).text("creds/nats.creds").orElseThrow();
      return new Collector(id, creds);
    }
  }

  /**
   * Until the leaf shows the agent's connection with its subscription; the leaf passes the interest
   * on to the hub in well under the pause after it.
   */
  private static void awaitAgentListening(ProvisionedHost host) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      String connz =
          LocalMonitoring.monitoring(host.monitoringPort(), "connz?subs=1")
              .map(JsonValue::toJson)
              .orElse("");
      if (connz.contains("serviceradar-edge-agent")
          && connz.contains("serviceradar.edge.notice.config-changed")) {
        Thread.sleep(500);
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the agent is not listening at the leaf");
  }

  /** Waits until the leaf closes the collector's connection; returns when that was. */
  private static Duration awaitCut(Connection connection, Instant since, Duration timeout)
      throws InterruptedException {
    Instant deadline = since.plus(timeout);
    while (connection.getStatus() == Connection.Status.CONNECTED
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    Duration cut = Duration.between(since, Instant.now());
    assertThat(connection.getStatus())
        .as("the revoked collector's connection after " + timeout)
        .isNotEqualTo(Connection.Status.CONNECTED);
    connection.close();
    return cut;
  }
}
