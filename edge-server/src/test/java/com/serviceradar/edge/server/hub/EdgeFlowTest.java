package com.serviceradar.edge.server.hub;

import static com.serviceradar.edge.server.support.EdgeHarness.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.NKey;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The product's promise, end to end with real processes: a hub installed from {@code GET
 * /api/v1/hub/bundle}, the control plane connected to it as the SYS monitor user, and edge sites
 * installed from {@code GET /api/v1/edge-sites/{id}/bundle} by their own {@code setup.sh}.
 */
class EdgeFlowTest {

  private static EdgeHarness edge;

  @BeforeAll
  static void start() throws Exception {
    edge = EdgeHarness.start("");
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  private static String checksumOf(InstalledSite site) {
    return site.json().get("leafServer").get("configChecksum").asString();
  }

  private static int leafLinks(int monitoringPort) {
    try {
      String leafz = LocalNats.httpGet("http://127.0.0.1:" + monitoringPort + "/leafz");
      if (leafz == null) {
        return -1;
      }
      int at = leafz.indexOf("\"leafnodes\":");
      return Integer.parseInt(leafz.substring(at + 12, leafz.indexOf(',', at)).strip());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The tenant's leaf links at the hub (its account also holds the control plane's client). */
  private static int leafLinks(Tenant tenant) throws InterruptedException {
    int links = 0;
    for (JsonNode connection : edge.hubConnections(tenant)) {
      if (connection.path("name_tag").asString().startsWith("leaf.")) {
        links++;
      }
    }
    return links;
  }

  private static boolean hubListsLeaf(Tenant tenant, String nameTag, String user) {
    try {
      for (JsonNode connection : edge.hubConnections(tenant)) {
        if (nameTag.equals(connection.path("name_tag").asString())
            && user.equals(connection.path("authorized_user").asString())) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String requestUntilAnswered(Connection connection, String subject)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(5);
    while (Instant.now().isBefore(deadline)) {
      try {
        Message reply = connection.request(subject, "ping".getBytes(UTF_8), Duration.ofMillis(500));
        if (reply != null && !reply.isStatusMessage()) {
          return new String(reply.getData(), UTF_8);
        }
      } catch (CancellationException noRespondersYet) {
        // interest has not crossed the leaf link yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no reply on " + subject);
  }

  @Test
  void aTenantCreatedAfterTheHubStartedCanConnectWithAUserOfItsAccount() throws Exception {
    Tenant tenant = edge.newTenant();

    await("the hub holds the new account JWT", () -> edge.hubHasCurrentJwt(tenant.id()));

    try (Connection connection =
        LocalNats.connect(edge.hubUrl(), edge.fullUser(tenant, "collector"), null)) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  @Test
  void aSiteInstalledFromItsBundleCarriesTheTenantsTrafficBothWays() throws Exception {
    Tenant acme = edge.newTenant();
    Tenant globex = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");

    try (NatsServerProcess leaf = nyc.start()) {
      Command.Result check = nyc.check();
      assertThat(check.exitCode()).as(check.output() + leaf.log() + edge.hub().log()).isZero();
      String nameTag = "leaf.nyc-office." + acme.slug();
      await(
          "the hub lists the leaf by its user's name",
          () -> hubListsLeaf(acme, nameTag, edge.leafUserOf(nyc.id())));

      try (Connection atHub = LocalNats.connect(edge.hubUrl(), edge.fullUser(acme, "saas"), null);
          Connection atLeaf =
              LocalNats.connect(nyc.localUrl(), edge.fullUser(acme, "collector"), nyc.caChain());
          Connection otherTenant =
              LocalNats.connect(edge.hubUrl(), edge.fullUser(globex, "snoop"), null)) {
        Subscription snooping = otherTenant.subscribe(">");
        // Collector subjects go through the site's buffer, not the live link (see
        // StoreAndForwardFlowTest); the tenant's other subjects cross it live.
        Subscription upstream = atHub.subscribe("status.nyc");
        atHub.flush(Duration.ofSeconds(2));
        Message up =
            LocalNats.publishUntilReceived(
                atLeaf, upstream, "status.nyc", "leaf to hub", Duration.ofSeconds(5));
        assertThat(up).as(leaf.log()).isNotNull();

        Subscription downstream = atLeaf.subscribe("commands.nyc");
        atLeaf.flush(Duration.ofSeconds(2));
        Message down =
            LocalNats.publishUntilReceived(
                atHub, downstream, "commands.nyc", "hub to leaf", Duration.ofSeconds(5));
        assertThat(down).isNotNull();

        atHub
            .createDispatcher(
                message -> atHub.publish(message.getReplyTo(), "pong from hub".getBytes(UTF_8)))
            .subscribe("svc.hub");
        atLeaf
            .createDispatcher(
                message -> atLeaf.publish(message.getReplyTo(), "pong from leaf".getBytes(UTF_8)))
            .subscribe("svc.leaf");
        atHub.flush(Duration.ofSeconds(2));
        atLeaf.flush(Duration.ofSeconds(2));
        assertThat(requestUntilAnswered(atLeaf, "svc.hub")).isEqualTo("pong from hub");
        assertThat(requestUntilAnswered(atHub, "svc.leaf")).isEqualTo("pong from leaf");

        // Globex's own account carries the control plane's JetStream calls for its streams.
        List<String> seen = new ArrayList<>();
        for (Message message = snooping.nextMessage(Duration.ofMillis(200));
            message != null;
            message = snooping.nextMessage(Duration.ofMillis(200))) {
          seen.add(message.getSubject());
        }
        assertThat(seen).allMatch(subject -> subject.startsWith("$JS."));
      }
      assertThat(LocalNats.refusedConnect(nyc.localUrl(), null, nyc.caChain())).isNotNull();
    }
  }

  @Test
  void twoSitesOfOneTenantStayConnectedWithoutFlapping() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    InstalledSite chicago = edge.newSite(acme, "Chicago DC");

    try (NatsServerProcess nycLeaf = nyc.start();
        NatsServerProcess chicagoLeaf = chicago.start()) {
      assertThat(nyc.check().exitCode()).as(nycLeaf.log()).isZero();
      assertThat(chicago.check().exitCode()).as(chicagoLeaf.log()).isZero();
      int linksBefore = leafLinks(acme);

      // Leafs with clashing names flap every reconnect interval (1 s): watch for thirty of them.
      Thread.sleep(30_000);

      assertThat(leafLinks(acme)).isEqualTo(linksBefore).isEqualTo(2);
      assertThat(nyc.check().exitCode()).isZero();
      assertThat(chicago.check().exitCode()).isZero();
      assertThat(edge.hub().log()).doesNotContain("Duplicate Remote LeafNode");
      assertThat(nycLeaf.log() + chicagoLeaf.log()).doesNotContain("Leafnode connection closed");
    }
  }

  @Test
  void regenerateConfiguration() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    String oldUser = edge.leafUserOf(nyc.id());
    String oldChecksum = checksumOf(nyc);
    String oldCertificate =
        Files.readString(nyc.prefix().resolve("etc/nats/certs/nats-leaf.pem"), UTF_8);

    try (NatsServerProcess leaf = nyc.start()) {
      assertThat(nyc.check().exitCode()).as(leaf.log()).isZero();

      assertThat(acme.admin().post("/api/v1/edge-sites/" + nyc.id() + "/regenerate", null).status())
          .isEqualTo(200);

      await(
          "the hub has cut the leaf whose user was revoked",
          () -> leafLinks(nyc.monitoringPort()) == 0);
      assertThat(leaf.awaitLog("Authorization Violation", Duration.ofSeconds(5)))
          .as(leaf.log())
          .isTrue();
      String newUser = edge.leafUserOf(nyc.id());
      assertThat(newUser).isNotEqualTo(oldUser);
      assertThat(checksumOf(nyc)).isNotEqualTo(oldChecksum);

      // setup.sh with the new bundle, on the running leaf: it reconnects with the new identity.
      edge.install(acme, nyc.id(), nyc.prefix());
      assertThat(Files.readString(nyc.prefix().resolve("etc/nats/certs/nats-leaf.pem"), UTF_8))
          .isNotEqualTo(oldCertificate);
      await(
          "the hub lists the leaf with its new user",
          () -> hubListsLeaf(acme, "leaf.nyc-office." + acme.slug(), newUser));
    }
    assertThat(
            edge.operator()
                .get(
                    "/api/v1/audit-events?tenantId="
                        + acme.id()
                        + "&action=edge-site.bundle-download")
                .json()
                .get("items")
                .size())
        .isEqualTo(2);
  }

  @Test
  void anAccountChangeMadeWhileTheHubIsDownIsPushedWhenItReturns() throws Exception {
    edge.stopHub();
    try {
      Tenant late = edge.newTenant();
      Thread.sleep(300);
      assertThat(edge.hubHasCurrentJwt(late.id())).isFalse();

      edge.startHub();

      await("the hub holds the JWT made while it was down", () -> edge.hubHasCurrentJwt(late.id()));
      try (Connection connection =
          LocalNats.connect(edge.hubUrl(), edge.fullUser(late, "collector"), null)) {
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      }
    } finally {
      if (!edge.hub().isAlive()) {
        edge.startHub();
      }
    }
  }

  @Test
  void siteNamesAreDataInSetupSh() throws Exception {
    Tenant acme = edge.newTenant();
    Path marker = Path.of("/tmp/x");
    Files.deleteIfExists(marker);
    for (String name : List.of("$(touch /tmp/x)", "`id`", "'; rm -rf / #", "\"quoted\"")) {
      String siteId = acme.admin().post("/api/v1/edge-sites", Map.of("name", name)).text("id");
      Path prefix = edge.dir().resolve("meta-" + siteId);

      Path bundle = edge.install(acme, siteId, prefix);

      assertThat(Command.run(bundle, List.of("sh", "-n", "setup.sh")).exitCode()).isZero();
      assertThat(
              Command.run(
                      bundle,
                      List.of("sh", "setup.sh", "--prefix", prefix.toString(), "--no-service"))
                  .output())
          .contains(name);
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void deletingASiteWhileItsLeafIsConnectedMakesTheHubDropIt() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    try (NatsServerProcess leaf = nyc.start()) {
      assertThat(nyc.check().exitCode()).as(leaf.log()).isZero();

      assertThat(acme.admin().delete("/api/v1/edge-sites/" + nyc.id()).status()).isEqualTo(204);
      Instant deleted = Instant.now();

      await(
          "the hub has dropped the deleted site's leaf",
          () -> leafLinks(nyc.monitoringPort()) == 0);
      assertThat(Duration.between(deleted, Instant.now())).isLessThan(Duration.ofSeconds(5));
      assertThat(leaf.awaitLog("Authorization Violation", Duration.ofSeconds(5)))
          .as(leaf.log())
          .isTrue();
    }
  }

  @Test
  void enrollmentWithACsrIssuesForTheHostsKeysAndTheLeafConnectsWithThem() throws Exception {
    Tenant acme = edge.newTenant();
    int localPort = NatsServerProcess.freePort();
    int monitoringPort = NatsServerProcess.freePort();
    String siteId =
        acme.admin()
            .post(
                "/api/v1/edge-sites",
                Map.of(
                    "name",
                    "NYC Office",
                    "localListen",
                    "127.0.0.1:" + localPort,
                    "monitoringPort",
                    monitoringPort))
            .text("id");
    await("the hub holds the tenant's account JWT", () -> edge.hubHasCurrentJwt(acme.id()));
    String token =
        acme.admin()
            .post(
                "/api/v1/onboarding-packages",
                Map.of("componentType", "nats-leaf", "edgeSiteId", siteId))
            .text("token");
    // The edge host's own keys: a P-256 key for both certificates and an nkey for its NATS user.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair hostKey = generator.generateKeyPair();
    String csr =
        Pem.encodeCertificateRequest(
            new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=edge-host"), hostKey.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(hostKey.getPrivate())));
    NKey hostNkey = NKey.createUser(new SecureRandom());

    ApiClient.Reply enrolled =
        edge.operator()
            .as(null)
            .post(
                "/api/v1/enroll",
                Map.of(
                    "token",
                    token,
                    "csr",
                    csr,
                    "natsPublicKey",
                    new String(hostNkey.getPublicKey())));

    assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
    assertThat(enrolled.body()).doesNotContain("PRIVATE KEY");
    JsonNode files = enrolled.json().get("files");
    X509Certificate leafCertificate =
        Pem.decodeCertificates(files.get("nats/certs/nats-leaf.pem").asString()).get(0);
    assertThat(leafCertificate.getPublicKey()).isEqualTo(hostKey.getPublic());
    assertThat(leafCertificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=leaf.nyc-office." + acme.slug() + ".serviceradar");

    Path prefix = edge.dir().resolve("host-keys-" + siteId);
    Path etc = Files.createDirectories(prefix.resolve("etc/nats/certs"));
    Files.createDirectories(prefix.resolve("etc/nats/creds"));
    Files.createDirectories(prefix.resolve("var/lib/nats"));
    Files.createDirectories(prefix.resolve("var/log/nats"));
    for (String path : List.of("nats-leaf.pem", "nats-server.pem", "ca-chain.pem")) {
      Files.writeString(etc.resolve(path), files.get("nats/certs/" + path).asString());
    }
    for (String key : List.of("nats-leaf-key.pem", "nats-server-key.pem")) {
      Files.writeString(etc.resolve(key), Pem.encodePrivateKey(hostKey.getPrivate()));
    }
    Files.writeString(
        prefix.resolve("etc/nats/creds/tenant.creds"),
        Creds.of(enrolled.text("userJwt"), Seed.of(hostNkey.getSeed())).format());
    Path conf = prefix.resolve("etc/nats/nats-leaf.conf");
    Files.writeString(
        conf, files.get("nats/nats-leaf.conf").asString().replace("\"/", "\"" + prefix + "/"));

    try (NatsServerProcess leaf =
        NatsServerProcess.startFromFile(
            conf, localPort, prefix.resolve("var/log/nats/nats-leaf.log"))) {
      await(
          "the leaf with host-held keys is linked to the hub",
          () -> leafLinks(monitoringPort) == 1);
    }
    assertThat(acme.admin().download("/api/v1/edge-sites/" + siteId + "/bundle").statusCode())
        .isEqualTo(409);
  }
}
