package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [E11] hands-off renewal with real processes: a control plane issuing leaf certificates for 10
 * days ({@code EDGE_LEAF_CERT_VALIDITY=P10D}, an operator's setting) with its dev hub and monitor,
 * leafs installed by {@code provision --install} and {@code enroll --install} and run by
 * nats-server, and the command the sync timer's unit runs, with nothing but the site agent token.
 */
class HandsOffRenewalEndToEndTest {

  @TempDir static Path dir;

  private static ControlPlaneProcess server;

  @BeforeAll
  static void startControlPlane() throws Exception {
    server =
        ControlPlaneProcess.start(
            Files.createDirectories(dir.resolve("control-plane")),
            Map.of("EDGE_LEAF_CERT_VALIDITY", "P10D"));
  }

  @AfterAll
  static void stopControlPlane() {
    server.close();
  }

  @Test
  void theSyncTimerRenewsASiteExpiringIn10DaysWithItsAgentTokenAndTheHubSeesTheNewUser()
      throws Exception {
    CliRun admin = new CliRun(dir.resolve("admin-home"));
    String adminToken = server.tenantAdminToken("hands-off");
    assertThat(admin.run("login", "--api", server.url(), "--token", adminToken).exitCode())
        .isZero();
    ProvisionedHost host = ProvisionedHost.provision(admin, dir, "server-keyed", "NYC", "nats");
    assertThat(host.result().exitCode()).as(host.result().all()).isZero();
    ApiClient api = new ApiClient(server.url(), adminToken);
    String siteId = Json.text(Json.array(api.get("/api/v1/edge-sites")).get(0), "id", "");

    try (NatsServerProcess leaf = host.startLeaf()) {
      awaitLeafStatus(api, siteId, "connected");
      String oldUser = AccountJwts.credsUser(host.conf());
      X509Certificate oldCert = leafCertificate(host.conf());
      assertThat(Duration.between(Instant.now(), oldCert.getNotAfter().toInstant()).toDays())
          .isBetween(9L, 10L);

      CliRun.Result renewed = runOneRoundOfTheAgent(host.prefix());

      assertThat(renewed.exitCode()).as(renewed.all() + server.log()).isZero();
      assertThat(renewed.out()).contains("Renewed the leaf's identity");
      assertRenewedAtTheHub(api, siteId, host.conf(), oldUser);
      assertThat(leafCertificate(host.conf()).getSerialNumber())
          .isNotEqualTo(oldCert.getSerialNumber());
      assertThat(leaf.isAlive()).isTrue();

      // Still due (10-day certificates), but just renewed: not again at the next timer run.
      CliRun.Result again = runOneRoundOfTheAgent(host.prefix());
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.out()).contains("renewal postponed").contains("at most once a day");
      assertThat(AccountJwts.credsUser(host.conf())).isEqualTo(renewedUser(api, siteId));

      // A renewal that just failed is not retried at the next timer run either.
      String rotate = "/api/v1/edge-sites/" + siteId + "/rotate";
      api.post(rotate, Json.object());
      api.post(rotate + "/rollback", Json.object("reason", "a test's failed renewal"));
      CliRun.Result postponed = runOneRoundOfTheAgent(host.prefix());
      assertThat(postponed.exitCode()).as(postponed.all()).isZero();
      assertThat(postponed.out())
          .contains("renewal postponed")
          .contains("a test's failed renewal")
          .doesNotContain("Renewed");
      assertThat(Json.text(api.get(rotate), "state", "")).isEqualTo("rolled_back");
    }
  }

  @Test
  void aHostKeyedSiteRenewsWithNewKeysMadeOnTheHost() throws Exception {
    String adminToken = server.tenantAdminToken("hands-off-keys");
    ApiClient api = new ApiClient(server.url(), adminToken);
    JoinableSite site = JoinableSite.create(api, "Berlin");
    int clientPort = site.clientPort();
    String siteId = site.siteId();
    String joinToken = site.joinToken();
    Path prefix = dir.resolve("host-keyed");
    CliRun.Result enrolled =
        new CliRun(dir.resolve("enroll-home"))
            .run(
                "enroll",
                "--token",
                joinToken,
                "--api",
                server.url(),
                "--install",
                "--prefix",
                prefix.toString(),
                "--no-service",
                "--wait",
                "0");
    assertThat(enrolled.exitCode()).as(enrolled.all()).isZero();
    Path conf = prefix.resolve("etc/nats/nats-leaf.conf");
    Path keyFile = prefix.resolve("etc/nats/certs/nats-leaf-key.pem");

    try (NatsServerProcess leaf =
        NatsServerProcess.startFromFile(
            conf, clientPort, prefix.resolve("var/log/nats/nats-leaf.log"))) {
      awaitLeafStatus(api, siteId, "connected");
      String oldUser = AccountJwts.credsUser(conf);
      String oldKey = Files.readString(keyFile);

      CliRun.Result renewed = runOneRoundOfTheAgent(prefix);

      assertThat(renewed.exitCode()).as(renewed.all() + server.log()).isZero();
      assertRenewedAtTheHub(api, siteId, conf, oldUser);
      String newKey = Files.readString(keyFile);
      assertThat(newKey).contains("PRIVATE KEY").isNotEqualTo(oldKey);
      assertThat(Files.readString(prefix.resolve("etc/nats/certs/nats-server-key.pem")))
          .isEqualTo(newKey);
      assertThat(signsFor(leafCertificate(conf), newKey)).isTrue();
      // The new key never left the host.
      String keyBody = newKey.lines().skip(1).findFirst().orElseThrow();
      assertThat(server.log()).doesNotContain(keyBody);
      assertThat(api.get("/api/v1/edge-sites/" + siteId + "/rotate").toJson())
          .doesNotContain(keyBody);
      assertThat(leaf.isAlive()).isTrue();
    }
  }

  /**
   * Runs the command of the agent's unit that {@code install --sync-timer} and setup.sh write, as
   * systemd would, with no login (only the agent token the host stored), for one round: without
   * {@code --watch --interval}, {@code sync} does exactly what the agent does at each round.
   */
  private static CliRun.Result runOneRoundOfTheAgent(Path prefix) {
    String service =
        SyncTimer.render("/usr/bin/serviceradar-edge", prefix, Duration.ofMinutes(5)).service();
    String execStart =
        service
            .lines()
            .filter(line -> line.startsWith("ExecStart="))
            .findFirst()
            .orElseThrow()
            .substring("ExecStart=".length());
    List<String> words =
        new ArrayList<>(
            Arrays.stream(execStart.split(" ")).map(word -> word.replace("\"", "")).toList());
    assertThat(words.get(0)).isEqualTo("/usr/bin/serviceradar-edge");
    assertThat(words.subList(1, 5)).containsExactly("sync", "--watch", "--interval", "300s");
    words.subList(2, 5).clear();
    return new CliRun(dir.resolve("no-login-home"))
        .run(words.subList(1, words.size()).toArray(String[]::new));
  }

  /**
   * The leaf connects as a new user the hub knows, the old one is revoked at the hub, the rotation
   * completed (the fleet lists it as done), and the host runs the site's current configuration.
   */
  private static void assertRenewedAtTheHub(ApiClient api, String siteId, Path conf, String oldUser)
      throws Exception {
    String newUser = AccountJwts.credsUser(conf);
    assertThat(newUser).startsWith("U").isNotEqualTo(oldUser);
    JsonValue rotation = api.get("/api/v1/edge-sites/" + siteId + "/rotate");
    assertThat(Json.text(rotation, "state", "")).isEqualTo("completed");
    assertThat(Json.text(rotation, "oldLeafUser", "")).isEqualTo(oldUser);
    assertThat(Json.text(rotation, "newLeafUser", "")).isEqualTo(newUser);
    assertThat(AccountJwts.revokedUsers(AccountJwts.hubAccountJwt(server, conf)))
        .contains(oldUser)
        .doesNotContain(newUser);
    awaitLeafStatus(api, siteId, "connected");
    JsonValue fleet = server.platformOperator().get("/api/v1/fleet/renewals");
    assertThat(Json.array(Json.at(fleet, "done")))
        .anyMatch(done -> siteId.equals(Json.text(done, "siteId", "")));
    assertThat(Json.array(Json.at(fleet, "failed")))
        .noneMatch(failed -> siteId.equals(Json.text(failed, "siteId", "")));
    Path prefix = conf.getParent().getParent().getParent();
    assertThat(SiteAgent.installedChecksum(prefix))
        .contains(
            Json.text(api.get("/api/v1/edge-sites/" + siteId), "leafServer.configChecksum", "?"));
  }

  private static X509Certificate leafCertificate(Path conf) throws Exception {
    return Pem.decodeCertificates(Files.readString(conf.resolveSibling("certs/nats-leaf.pem")))
        .get(0);
  }

  private static String renewedUser(ApiClient api, String siteId) {
    return Json.text(api.get("/api/v1/edge-sites/" + siteId + "/rotate"), "newLeafUser", "");
  }

  /** Whether the private key is the one the certificate was issued for. */
  private static boolean signsFor(X509Certificate certificate, String privateKeyPem)
      throws Exception {
    byte[] data = "renewed".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(Pem.decodePrivateKey(privateKeyPem));
    signer.update(data);
    byte[] signature = signer.sign();
    signer.initVerify(certificate.getPublicKey());
    signer.update(data);
    return signer.verify(signature);
  }

  private static void awaitLeafStatus(ApiClient api, String siteId, String status)
      throws Exception {
    server.awaitLeafStatus(api, siteId, status);
  }
}
