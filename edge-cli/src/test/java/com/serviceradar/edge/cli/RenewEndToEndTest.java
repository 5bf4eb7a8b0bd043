package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.verify.BundleArchive;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code renew} with real processes: the packaged control plane with its dev hub and monitor, a
 * leaf installed by {@code provision --install} and run by nats-server, a collector publishing at
 * the site through the leaf and a SaaS-side reader at the hub.
 */
class RenewEndToEndTest {

  private static final String SUBJECT = "telemetry.renewal";

  @TempDir static Path dir;

  private static ControlPlaneProcess server;

  @BeforeAll
  static void startControlPlane() throws Exception {
    server = ControlPlaneProcess.shared();
  }

  /** One tenant's leaf, installed under its own prefix and running. */
  private record Site(
      CliRun cli,
      ApiClient api,
      String id,
      String slug,
      String tenantId,
      Path conf,
      int clientPort,
      int monitoringPort,
      NatsServerProcess leaf) {

    Path certs() {
      return conf.resolveSibling("certs");
    }
  }

  private static Site installedAndConnected(String tenant) throws Exception {
    CliRun cli = new CliRun(dir.resolve(tenant + "-config"));
    String token = server.tenantAdminToken(tenant);
    assertThat(cli.run("login", "--api", server.url(), "--token", token).exitCode()).isZero();
    ProvisionedHost host = ProvisionedHost.provision(cli, dir, tenant, "Edge " + tenant, "nats");
    assertThat(host.result().exitCode()).as(host.result().all()).isZero();
    Path conf = host.conf();
    int clientPort = host.clientPort();
    int monitoringPort = host.monitoringPort();
    NatsServerProcess leaf = host.startLeaf();
    ApiClient api = new ApiClient(server.url(), token);
    JsonValue site = Json.array(api.get("/api/v1/edge-sites")).get(0);
    String id = Json.text(site, "id", "");
    awaitLeafStatus(api, id, "connected");
    return new Site(
        cli,
        api,
        id,
        Json.text(site, "slug", ""),
        Json.text(site, "tenantId", ""),
        conf,
        clientPort,
        monitoringPort,
        leaf);
  }

  @Test
  void renewOnAConnectedLeafSwitchesToANewUserAndEveryMessageReachesTheHub() throws Exception {
    Site site = installedAndConnected("renew");
    try (NatsServerProcess leaf = site.leaf();
        Connection collector = collectorAtTheLeaf(site);
        Connection reader =
            LocalNats.connect(server.hubClientUrl(), server.consumerCreds(site.tenantId()), null)) {
      ExecutorService executor = Executors.newSingleThreadExecutor();
      AtLeastOncePublisher publisher = new AtLeastOncePublisher(collector);
      Future<?> publishing = executor.submit(publisher);
      publisher.awaitAcked(10, Duration.ofSeconds(10));

      CliRun.Result renew = forcedRenew(site, "30s");

      long ackedAtRenewal = publisher.acked.get();
      publisher.awaitAcked(ackedAtRenewal + 10, Duration.ofSeconds(10));
      publisher.stop(publishing);
      executor.shutdownNow();

      assertThat(renew.exitCode()).as(renew.all() + server.log()).isZero();
      JsonValue result = Json.parse(renew.out().strip());
      assertThat(Json.text(result, "outcome", "")).isEqualTo("renewed");
      String oldUser = Json.text(result, "oldLeafUser", "");
      String newUser = Json.text(result, "newLeafUser", "");
      assertThat(newUser).startsWith("U").isNotEqualTo(oldUser);
      // Every message the leaf acked during the renewal reached the hub's EDGE_INGEST.
      long sent = publisher.acked.get();
      assertThat(sent).isGreaterThan(ackedAtRenewal);
      Set<Long> received = ingested(reader, sent, Duration.ofSeconds(30));
      assertThat(received).hasSizeGreaterThanOrEqualTo((int) sent);
      for (long seq = 1; seq <= sent; seq++) {
        assertThat(received).as("message %d", seq).contains(seq);
      }
      // The link did go down and come back under the new user, and the monitor saw it.
      assertThat(Json.at(result, "linkDownMillis")).isNotNull();
      JsonValue rotation = site.api().get("/api/v1/edge-sites/" + site.id() + "/rotate");
      assertThat(Json.text(rotation, "state", "")).isEqualTo("completed");
      awaitLeafStatus(site.api(), site.id(), "connected");
      assertThat(installedCredsUser(site)).isEqualTo(newUser);
      // The hub holds the account JWT revoking the old user; the leaf's settled conf does too.
      assertThat(revokedUsers(hubAccountJwt(site))).contains(oldUser).doesNotContain(newUser);
      assertThat(revokedUsers(installedAccountJwt(site))).contains(oldUser);
      assertThat(backupsLeft(site)).isEmpty();
      CliRun.Result doctor = site.cli().run("doctor", "--config", site.conf().toString());
      assertThat(doctor.out())
          .contains("PASS  config checksum")
          .contains("PASS  upstream connected");
      System.out.printf(
          "renew: upstream link down %s ms; %d messages, %d retried while the link was down%n",
          Json.text(result, "linkDownMillis", "?"), sent, publisher.retries.get());
    }
  }

  @Test
  void renewThatIsNotConfirmedRollsBackToTheOldFilesAndTheOldUserConnectsAgain() throws Exception {
    Site site = installedAndConnected("rollback");
    try (NatsServerProcess leaf = site.leaf()) {
      Map<Path, byte[]> before = installedFiles(site);
      String oldUser = installedCredsUser(site);

      CliRun.Result renew = forcedRenew(site, "0");

      assertThat(renew.exitCode()).as(renew.all()).isEqualTo(1);
      assertThat(renew.err())
          .contains("renewal failed and was rolled back")
          .contains("did not see the new leaf user connect within 0")
          .contains("the leaf is connected with its old identity");
      JsonValue result = Json.parse(renew.out().strip());
      assertThat(Json.text(result, "outcome", "")).isEqualTo("rolled-back");
      assertUnchanged(before, installedFiles(site));
      assertThat(Files.getPosixFilePermissions(site.certs().resolve("nats-leaf-key.pem")))
          .extracting(Object::toString)
          .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
      assertThat(backupsLeft(site)).isEmpty();
      JsonValue rotation = site.api().get("/api/v1/edge-sites/" + site.id() + "/rotate");
      assertThat(Json.text(rotation, "state", "")).isEqualTo("rolled_back");
      assertThat(Json.text(rotation, "oldLeafUser", "")).isEqualTo(oldUser);
      // The monitor sees the site's leaf connected again, and the site's user is the old one.
      awaitLeafStatus(site.api(), site.id(), "connected");
      assertThat(revokedUsers(hubAccountJwt(site)))
          .contains(Json.text(rotation, "newLeafUser", ""))
          .doesNotContain(oldUser);
    }
  }

  @Test
  void renewThatCannotInstallEveryFileRestoresThoseItWroteAndKeepsTheOldUser() throws Exception {
    Site site = installedAndConnected("half-installed");
    try (NatsServerProcess leaf = site.leaf()) {
      Map<Path, byte[]> before = installedFiles(site);
      String oldUser = installedCredsUser(site);
      // The creds file cannot be replaced (its temporary file's place is taken); the certificates
      // before it in the install order are written first.
      Path blocker = site.conf().resolveSibling("creds/.tenant.creds.renew-new");
      Files.createDirectories(blocker.resolve("taken"));

      CliRun.Result renew = forcedRenew(site, "30s");
      Files.delete(blocker.resolve("taken"));
      Files.delete(blocker);

      assertThat(renew.exitCode()).as(renew.all()).isEqualTo(1);
      assertThat(renew.err())
          .contains("renewal failed and was rolled back: cannot write")
          .contains("tenant.creds")
          .contains("the leaf is connected with its old identity");
      assertUnchanged(before, installedFiles(site));
      assertThat(backupsLeft(site)).isEmpty();
      JsonValue rotation = site.api().get("/api/v1/edge-sites/" + site.id() + "/rotate");
      assertThat(Json.text(rotation, "state", "")).isEqualTo("rolled_back");
      assertThat(Json.text(rotation, "cutOverAt", null)).isNull();
      assertThat(revokedUsers(hubAccountJwt(site)))
          .contains(Json.text(rotation, "newLeafUser", ""))
          .doesNotContain(oldUser);
      awaitLeafStatus(site.api(), site.id(), "connected");
    }
  }

  @Test
  void renewWithNothingDueChangesNothing() throws Exception {
    Site site = installedAndConnected("not-due");
    try (NatsServerProcess leaf = site.leaf()) {
      Map<Path, byte[]> before = installedFiles(site);

      CliRun.Result renew = site.cli().run("renew", "--config", site.conf().toString());
      CliRun.Result badWindow =
          site.cli().run("renew", "--config", site.conf().toString(), "--within", "soon");

      assertThat(renew.exitCode()).as(renew.all()).isZero();
      assertThat(renew.out()).contains("Nothing to do").contains("--force renews anyway");
      assertUnchanged(before, installedFiles(site));
      assertThat(badWindow.exitCode()).isEqualTo(2);
      assertThat(badWindow.err()).contains("--within soon is not a duration");
      long notNats = ProcessHandle.current().pid();
      CliRun.Result wrongPid =
          site.cli()
              .run(
                  "renew",
                  "--config",
                  site.conf().toString(),
                  "--force",
                  "--pid",
                  Long.toString(notNats));
      assertThat(wrongPid.exitCode()).as(wrongPid.all()).isEqualTo(2);
      assertThat(wrongPid.err()).contains("--pid " + notNats + " is not a running nats-server");
      CliRun.Result noConf =
          site.cli().run("renew", "--config", dir.resolve("missing.conf").toString());
      assertThat(noConf.exitCode()).isEqualTo(1);
      assertThat(noConf.err()).contains("cannot read").contains("--config FILE");
      assertUnchanged(before, installedFiles(site));
      // None of these started a rotation.
      assertThatThrownBy(() -> site.api().get("/api/v1/edge-sites/" + site.id() + "/rotate"))
          .hasMessageContaining("HTTP 404");
    }
  }

  /** Publishes a numbered sequence; each is sent again until the hub side acknowledges it. */
  /** What EDGE_INGEST holds on the subject, read until it has {@code expected} or time is up. */
  private static Set<Long> ingested(Connection reader, long expected, Duration timeout)
      throws Exception {
    JetStreamSubscription ingest =
        reader
            .jetStream()
            .subscribe(
                SUBJECT,
                PullSubscribeOptions.builder().stream("EDGE_INGEST")
                    .configuration(ConsumerConfiguration.builder().filterSubject(SUBJECT).build())
                    .build());
    Set<Long> received = new ConcurrentSkipListSet<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received.size() < expected && System.nanoTime() < deadline) {
      for (Message message : ingest.fetch(500, Duration.ofMillis(500))) {
        received.add(Long.parseLong(new String(message.getData(), StandardCharsets.UTF_8)));
        message.ack();
      }
    }
    ingest.unsubscribe();
    return received;
  }

  /**
   * A collector that needs an acknowledgement for every message: the leaf's {@code EDGE_BUFFER}
   * answers its request with a JetStream ack once it stored the message.
   */
  private static final class AtLeastOncePublisher implements Runnable {
    private final Connection connection;
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    AtLeastOncePublisher(Connection connection) {
      this.connection = connection;
    }

    @Override
    public void run() {
      long seq = 1;
      while (running.get()) {
        try {
          Message reply =
              connection
                  .request(SUBJECT, Long.toString(seq).getBytes(StandardCharsets.UTF_8))
                  .get(500, TimeUnit.MILLISECONDS);
          if (reply != null && !reply.isStatusMessage()) {
            acked.set(seq++);
            Thread.sleep(5);
            continue;
          }
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
          // No responder while the upstream link is down, no reply in time, or the connection
          // to the leaf is reconnecting: send it again.
        } catch (InterruptedException e) {
          return;
        }
        retries.incrementAndGet();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void awaitAcked(long count, Duration timeout) throws InterruptedException {
      Instant deadline = Instant.now().plus(timeout);
      while (acked.get() < count) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("only " + acked.get() + " of " + count + " messages acked");
        }
        Thread.sleep(20);
      }
    }

    void stop(Future<?> task) throws Exception {
      running.set(false);
      task.get(5, TimeUnit.SECONDS);
    }
  }

  private static CliRun.Result forcedRenew(Site site, String timeout) {
    return site.cli()
        .run(
            "renew", "--config", site.conf().toString(), "--force", "--timeout", timeout, "--json");
  }

  private static Connection collectorAtTheLeaf(Site site) throws Exception {
    CliRun.Result created =
        site.cli()
            .run("collectors", "create", "--type", "flowgger", "--site", site.slug(), "--json");
    assertThat(created.exitCode()).as(created.all()).isZero();
    Path bundle = dir.resolve(site.slug() + "-collector.tar.gz");
    String id = Json.text(Json.parse(created.out().strip()), "id", "");
    assertThat(site.cli().run("collectors", "bundle", id, "-o", bundle.toString()).exitCode())
        .isZero();
    String creds =
        BundleArchive.read(Files.readAllBytes(bundle)).text("creds/nats.creds").orElseThrow();
    // A collector reconnects: every reload of an operator-mode leaf closes its local clients.
    return Nats.connect(
        new Options.Builder()
            .server("tls://127.0.0.1:" + site.clientPort())
            .authHandler(Nats.staticCredentials(creds.getBytes(StandardCharsets.UTF_8)))
            .sslContext(LocalNats.trusting(Files.readString(site.certs().resolve("ca-chain.pem"))))
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(50))
            .errorListener(new ErrorListener() {})
            .build());
  }

  private static void awaitLeafStatus(ApiClient api, String siteId, String status)
      throws Exception {
    server.awaitLeafStatus(api, siteId, status);
  }

  private static Map<Path, byte[]> installedFiles(Site site) throws Exception {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    try (Stream<Path> all = Files.walk(site.conf().getParent())) {
      for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
        files.put(file, Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static void assertUnchanged(Map<Path, byte[]> before, Map<Path, byte[]> after) {
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach(
        (file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
  }

  private static List<Path> backupsLeft(Site site) throws Exception {
    try (Stream<Path> all = Files.walk(site.conf().getParent())) {
      return all.filter(file -> file.toString().contains(".renew-")).toList();
    }
  }

  private static String installedCredsUser(Site site) throws Exception {
    return AccountJwts.credsUser(site.conf());
  }

  private static String installedAccountJwt(Site site) throws Exception {
    return AccountJwts.installedAccountJwt(site.conf());
  }

  private static String hubAccountJwt(Site site) throws Exception {
    return AccountJwts.hubAccountJwt(server, site.conf());
  }

  private static Set<String> revokedUsers(String accountJwt) {
    return AccountJwts.revokedUsers(accountJwt);
  }
}
