package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.verify.BundleArchive;
import io.nats.client.Connection;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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
    server = ControlPlaneProcess.shared();
  }

  @Test
  void aCollectorRevokedWhileSyncPollsIsRefusedByTheLeafWithinOneIntervalWithoutARestart()
      throws Exception {
    CliRun cli = new CliRun(dir.resolve("watch-config-home"));
    assertThat(
            cli.run("login", "--api", server.url(), "--token", server.tenantAdminToken("wayne"))
                .exitCode())
        .isZero();
    ProvisionedHost host = ProvisionedHost.provision(cli, dir, "watch", "NYC Office", "tls");
    Path prefix = host.prefix();
    int clientPort = host.clientPort();
    CliRun.Result provision = host.result();
    assertThat(provision.exitCode()).as(provision.all()).isZero();
    Path agentFile = prefix.resolve("etc/serviceradar-edge/agent.json");
    assertThat(Files.getPosixFilePermissions(agentFile))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertSetupInstallsTheSyncTimer(host.bundle(), prefix);
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
                          "--no-notices",
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

  @Test
  void anEnrolledHostKeepsItsKeysConnectsAndSyncsWithThem() throws Exception {
    CliRun cli = new CliRun(dir.resolve("enroll-config-home"));
    String adminToken = server.tenantAdminToken("stark");
    ApiClient admin = new ApiClient(server.url(), adminToken);
    JoinableSite site = JoinableSite.create(admin, "Berlin");
    int clientPort = site.clientPort();
    String siteId = site.siteId();
    String joinToken = site.joinToken();
    Path prefix = dir.resolve("enrolled-host");

    // As install.sh runs it: the join token on standard input, never in the arguments.
    CliRun.Result enrolled =
        cli.runWithInput(
            joinToken + "\n",
            "enroll",
            "--token-file",
            "-",
            "--api",
            server.url(),
            "--install",
            "--prefix",
            prefix.toString(),
            "--no-service",
            "--wait",
            "0",
            "--json");

    assertThat(enrolled.exitCode()).as(enrolled.all()).isZero();
    assertThat(Json.text(Json.parse(enrolled.out().strip()), "siteId", "")).isEqualTo(siteId);
    Path conf = prefix.resolve("etc/nats/nats-leaf.conf");
    Path keyFile = prefix.resolve("etc/nats/certs/nats-leaf-key.pem");
    Path credsFile = prefix.resolve("etc/nats/creds/tenant.creds");
    for (Path secret :
        List.of(keyFile, credsFile, prefix.resolve("etc/serviceradar-edge/agent.json"))) {
      assertThat(Files.getPosixFilePermissions(secret))
          .as(secret.toString())
          .extracting(Object::toString)
          .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
    String key = Files.readString(keyFile);
    assertThat(key).contains("PRIVATE KEY");
    SiteAgent agent = SiteAgent.load(prefix);
    assertThat(agent.hostKeys()).isTrue();
    String hostConfig =
        agent.client().get("/api/v1/edge-sites/" + siteId + "/host-config").toJson();
    assertThat(hostConfig).doesNotContain("PRIVATE KEY").doesNotContain("SEED");
    assertThat(hostConfig).doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
    assertThatThrownBy(
            () -> admin.download("/api/v1/edge-sites/" + siteId + "/bundle", "bundle.tar.gz"))
        .hasMessageContaining("409");

    CliRun.Result notYet = cli.run("sync", "--prefix", prefix.toString(), "--wait-connected", "1s");
    assertThat(notYet.exitCode()).as(notYet.all()).isEqualTo(1);
    assertThat(notYet.err())
        .contains("the control plane does not report the leaf connected after 1 s");

    try (NatsServerProcess leaf =
        NatsServerProcess.startFromFile(
            conf, clientPort, prefix.resolve("var/log/nats/nats-leaf.log"))) {
      CliRun.Result connected =
          cli.run("sync", "--prefix", prefix.toString(), "--wait-connected", "30s");
      assertThat(connected.exitCode()).as(connected.all()).isZero();
      assertThat(connected.out())
          .contains("is current")
          .contains("The control plane reports site " + siteId + " connected.");
      Seed seedBefore = seedOf(Files.readString(credsFile));

      changeTenantAccount(admin);
      byte[] confBefore = Files.readAllBytes(conf);
      Files.writeString(keyFile, otherKey());
      CliRun.Result wrongKey = cli.run("sync", "--prefix", prefix.toString());
      assertThat(wrongKey.exitCode()).as(wrongKey.all()).isEqualTo(1);
      assertThat(wrongKey.err()).contains("failed verification").contains("nothing was installed");
      assertThat(Files.readAllBytes(conf)).isEqualTo(confBefore);

      Files.writeString(keyFile, key);
      CliRun.Result synced = cli.run("sync", "--prefix", prefix.toString(), "--json");
      assertThat(synced.exitCode()).as(synced.all()).isZero();
      JsonValue outcome = Json.parse(synced.out().strip());
      assertThat(Json.text(outcome, "status", "")).isEqualTo("updated");
      assertThat(Json.text(outcome, "pid", "")).isEqualTo(Long.toString(leaf.pid()));
      assertThat(Files.readAllBytes(conf)).isNotEqualTo(confBefore);
      assertThat(Files.readString(keyFile)).isEqualTo(key);
      assertThat(seedOf(Files.readString(credsFile))).isEqualTo(seedBefore);
      assertThat(
              Json.text(admin.get("/api/v1/edge-sites/" + siteId), "leafServer.configChecksum", ""))
          .isEqualTo(Json.text(outcome, "configChecksum", "?"));
      awaitLeafStatus(admin, siteId, "connected");

      // The site has no downloadable bundle (its keys are here): doctor compares with the
      // host configuration completed with the installed keys.
      CliRun.Result doctor =
          cli.run(
              "doctor", "--config", conf.toString(), "--api", server.url(), "--token", adminToken);
      assertThat(doctor.out()).as(doctor.all()).contains("PASS  config checksum");
    }

    String installed = SiteAgent.installedChecksum(prefix).orElseThrow();
    changeTenantAccount(admin);
    CliRun.Result leafDown = cli.run("sync", "--prefix", prefix.toString(), "--json");
    assertThat(leafDown.exitCode()).as(leafDown.all()).isEqualTo(1);
    assertThat(Json.text(Json.parse(leafDown.out().strip()), "status", "")).isEqualTo("failed");
    assertThat(leafDown.err()).contains("no nats-server runs with " + conf);
    // Not recorded as installed: the next sync installs and reloads again.
    assertThat(SiteAgent.installedChecksum(prefix)).contains(installed);

    CliRun.Result reused =
        cli.run(
            "enroll",
            "--token",
            joinToken,
            "--api",
            server.url(),
            "--prefix",
            dir.resolve("second-host").toString());
    assertThat(reused.exitCode()).isEqualTo(1);
    assertThat(reused.err()).contains("already used").contains("new join token");
    assertThat(dir.resolve("second-host/etc/serviceradar-edge/agent.json")).doesNotExist();
    CliRun.Result unreachable =
        cli.run(
            "enroll",
            "--token",
            JoinableSite.joinToken(admin, siteId),
            "--api",
            "http://127.0.0.1:" + NatsServerProcess.freePort());
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("cannot reach the control plane");
    assertThat(cli.run("enroll", "--api", server.url()).exitCode()).isEqualTo(2);
  }

  @Test
  void syncWithoutAnAgentTokenSaysHowToGetOne() {
    CliRun.Result result =
        new CliRun(dir.resolve("no-agent-home"))
            .run("sync", "--prefix", dir.resolve("no-agent-host").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("agent.json").contains("serviceradar-edge enroll");
  }

  /** Deleting a site revokes its leaf user: a new tenant account JWT in every site's config. */
  private static void changeTenantAccount(ApiClient admin) {
    String other =
        Json.text(admin.post("/api/v1/edge-sites", Json.object("name", "Short-lived")), "id", "");
    admin.delete("/api/v1/edge-sites/" + other);
  }

  private static void awaitLeafStatus(ApiClient admin, String siteId, String status)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    JsonValue site;
    do {
      site = admin.get("/api/v1/edge-sites/" + siteId);
      if (status.equals(Json.text(site, "leafServer.status", ""))) {
        return;
      }
      Thread.sleep(200);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("leaf not " + status + ": " + site.toJson() + "\n" + server.log());
  }

  private static Seed seedOf(String creds) {
    return Creds.parse(creds).seed();
  }

  private static String otherKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return Pem.encodePrivateKey(generator.generateKeyPair().getPrivate());
  }

  /**
   * Runs the bundle's setup.sh as a person would, with the real serviceradar-edge CLI on PATH and
   * the agent token in place: it adds the sync timer (not enabled: --no-service).
   */
  private static void assertSetupInstallsTheSyncTimer(Path bundle, Path prefix) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path launcher = bin.resolve("serviceradar-edge");
    Files.writeString(
        launcher,
        "#!/bin/sh\nexec java -cp '"
            + System.getProperty("java.class.path")
            + "' com.serviceradar.edge.cli.EdgeCli \"$@\"\n");
    assertThat(launcher.toFile().setExecutable(true)).isTrue();
    Path extracted = Files.createDirectories(dir.resolve("extracted"));
    Path folder = InstallCommand.extract(BundleArchive.read(Files.readAllBytes(bundle)), extracted);
    ProcessBuilder setup =
        new ProcessBuilder(
                "sh", "./setup.sh", "--prefix", prefix.toString(), "--no-service", "--wait", "0")
            .directory(folder.toFile())
            .redirectErrorStream(true);
    setup.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = setup.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    Path units = prefix.resolve("etc/systemd/system");
    assertThat(output).contains("Not enabling serviceradar-edge-sync.timer");
    assertThat(units.resolve("serviceradar-edge-sync.timer")).exists();
    assertThat(Files.readString(units.resolve("serviceradar-edge-sync.service")))
        .contains(
            "ExecStart=\""
                + launcher
                + "\" sync --watch --interval 60s --prefix \""
                + prefix
                + "\"");
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
