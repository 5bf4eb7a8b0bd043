package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.verify.BundleArchive;
import io.nats.client.Connection;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [E7] sync and enroll with real processes: the packaged control plane with its dev hub, a leaf
 * started on the installed configuration, and a collector connecting to that leaf with its
 * package's creds.
 */
class SyncEndToEndTest {

  private static final Duration INTERVAL = Duration.ofSeconds(2);

  @TempDir static Path dir;

  private static ControlPlaneProcess server;

  @BeforeAll
  static void startControlPlane() throws Exception {
    server = ControlPlaneProcess.start(dir);
  }

  @AfterAll
  static void stopControlPlane() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aCollectorRevokedWhileSyncWatchesIsRefusedByTheLeafWithinOneIntervalWithoutARestart()
      throws Exception {
    CliRun cli = new CliRun(dir.resolve("watch-config-home"));
    assertThat(
            cli.run("login", "--api", server.url(), "--token", server.tenantAdminToken("acme"))
                .exitCode())
        .isZero();
    Path prefix = dir.resolve("watch-host");
    int clientPort = NatsServerProcess.freePort();
    CliRun.Result provision =
        cli.run(
            "provision",
            "--name",
            "NYC Office",
            "--install",
            "--prefix",
            prefix.toString(),
            "--no-service",
            "--wait",
            "0",
            "--local-listen",
            "127.0.0.1:" + clientPort,
            "--monitoring-port",
            Integer.toString(NatsServerProcess.freePort()),
            "--nats-leaf-url",
            "tls://127.0.0.1:" + clientPort,
            "-o",
            dir.resolve("nyc.tar.gz").toString());
    assertThat(provision.exitCode()).as(provision.all()).isZero();
    Path agentFile = prefix.resolve("etc/serviceradar-edge/agent.json");
    assertThat(Files.getPosixFilePermissions(agentFile))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    String collectorId =
        Json.text(
            Json.parse(
                cli.run(
                        "collectors",
                        "create",
                        "--type",
                        "flowgger",
                        "--site",
                        "nyc-office",
                        "--name",
                        "flowgger-1",
                        "--json")
                    .out()
                    .strip()),
            "id",
            "");
    Path collectorBundle = dir.resolve("flowgger.tar.gz");
    assertThat(
            cli.run("collectors", "bundle", collectorId, "-o", collectorBundle.toString())
                .exitCode())
        .isZero();
    String creds =
        BundleArchive.read(Files.readAllBytes(collectorBundle))
            .text("creds/nats.creds")
            .orElseThrow();
    String caChain = Files.readString(prefix.resolve("etc/nats/certs/ca-chain.pem"));
    String leafUrl = "tls://127.0.0.1:" + clientPort;
    Path conf = prefix.resolve("etc/nats/nats-leaf.conf");

    try (NatsServerProcess leaf =
        NatsServerProcess.startFromFile(
            conf, clientPort, prefix.resolve("var/log/nats/nats-leaf.log"))) {
      CliRun.Result current = cli.run("sync", "--prefix", prefix.toString());
      assertThat(current.exitCode()).as(current.all()).isZero();
      assertThat(current.out()).contains("is current");
      Connection collector = LocalNats.connect(leafUrl, creds, caChain);
      collector.flush(Duration.ofSeconds(2));

      AtomicReference<CliRun.Result> watched = new AtomicReference<>();
      Thread watch =
          new Thread(
              () ->
                  watched.set(
                      cli.run(
                          "sync",
                          "--watch",
                          "--interval",
                          INTERVAL.toSeconds() + "s",
                          "--prefix",
                          prefix.toString(),
                          "--json")));
      watch.start();
      Duration cutAfter;
      try {
        Thread.sleep(500);
        new ApiClient(server.url(), Json.text(login(cli), "token", ""))
            .delete("/api/v1/collector-packages/" + collectorId);
        Instant revoked = Instant.now();
        cutAfter = awaitCut(collector, revoked, INTERVAL.multipliedBy(4));
        // Let the sync that cut it finish reporting before stopping the watch.
        Thread.sleep(INTERVAL.toMillis());
      } finally {
        watch.interrupt();
        watch.join(Duration.ofSeconds(10).toMillis());
      }

      // One interval until the next sync starts, plus the sync itself (about half a second).
      assertThat(cutAfter)
          .as("cut %s after the revocation", cutAfter)
          .isLessThan(INTERVAL.plusSeconds(2));
      assertThat(LocalNats.refusedConnect(leafUrl, creds, caChain).getMessage())
          .containsIgnoringCase("authorization");
      assertThat(leaf.isAlive()).isTrue();
      JsonValue updated =
          watched
              .get()
              .out()
              .lines()
              .map(Json::parse)
              .filter(line -> "updated".equals(Json.text(line, "status", "")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no update in " + watched.get().all()));
      assertThat(Json.text(updated, "pid", "")).isEqualTo(Long.toString(leaf.pid()));
      assertThat(LeafReload.runningLeaf(conf)).contains(leaf.pid());
      CliRun.Result again = cli.run("sync", "--prefix", prefix.toString(), "--json");
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(Json.text(Json.parse(again.out().strip()), "status", "")).isEqualTo("current");
    }
  }

  private static JsonValue login(CliRun cli) throws IOException {
    return Json.parse(
        Files.readString(
            dir.resolve("watch-config-home/serviceradar-edge/config.json"),
            StandardCharsets.UTF_8));
  }

  /** Waits until the leaf closes the collector's connection; returns when that was. */
  private static Duration awaitCut(Connection connection, Instant since, Duration timeout)
      throws InterruptedException {
    Instant deadline = since.plus(timeout);
    while (connection.getStatus() == Connection.Status.CONNECTED
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    Duration cut = Duration.between(since, Instant.now());
    assertThat(connection.getStatus())
        .as("the revoked collector's connection after " + timeout)
        .isNotEqualTo(Connection.Status.CONNECTED);
    connection.close();
    return cut;
  }
}
