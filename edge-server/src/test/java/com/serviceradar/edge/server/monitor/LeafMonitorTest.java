package com.serviceradar.edge.server.monitor;

import static com.serviceradar.edge.server.support.EdgeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.server.natsauth.HubConnection;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Health as the hub observes it, with real hub and leaf processes: events, reconciliation after the
 * control plane or the hub was away, and the conditions beyond up and down. The hub pings every
 * second so a frozen leaf is detected in seconds; the monitor reconciles and scans every second.
 */
class LeafMonitorTest {

  private static final SiteSlug NYC_OFFICE = SiteSlug.of("nyc-office");

  private static EdgeHarness edge;

  @BeforeAll
  static void start() throws Exception {
    edge =
        EdgeHarness.start(
            "ping_interval: \"1s\"\nping_max: 2",
            "--edge.monitor.reconcile-interval=1s",
            "--edge.monitor.scan-interval=1s");
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  private static String leafStatus(InstalledSite site) {
    return site.json().path("leafServer").path("status").asString();
  }

  private static List<String> conditions(InstalledSite site) {
    List<String> kinds = new ArrayList<>();
    site.json()
        .path("conditions")
        .forEach(condition -> kinds.add(condition.path("kind").asString()));
    return kinds;
  }

  private static List<String> timeline(InstalledSite site) {
    List<String> kinds = new ArrayList<>();
    site.tenant()
        .admin()
        .get("/api/v1/edge-sites/" + site.id() + "/events")
        .json()
        .forEach(
            event ->
                kinds.add(event.path("kind").asString() + ":" + event.path("detail").asString("")));
    return kinds;
  }

  @Test
  void leafConnectionDetected() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    assertThat(nyc.json().path("status").asString()).isEqualTo("pending");

    try (NatsServerProcess leaf = nyc.start()) {
      await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));

      JsonNode site = nyc.json();
      assertThat(site.path("status").asString()).isEqualTo("active");
      assertThat(site.path("lastSeenAt").isNull()).isFalse();
      assertThat(site.path("leafServer").path("connectedAt").isNull()).isFalse();
      assertThat(timeline(nyc)).anyMatch(entry -> entry.startsWith("connected"));
    }
  }

  @Test
  void leafDisconnectionDetected() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    NatsServerProcess leaf = nyc.start();
    await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));

    leaf.kill();

    await("the leaf shows disconnected", () -> "disconnected".equals(leafStatus(nyc)));
    JsonNode site = nyc.json();
    assertThat(site.path("status").asString()).isEqualTo("offline");
    // A killed leaf's socket ends with a FIN, or with a reset when the hub's source was sending.
    assertThat(site.path("leafServer").path("lastDisconnectReason").asString())
        .isIn("Client Closed", "Read Error");
    assertThat(site.path("leafServer").path("disconnectedAt").isNull()).isFalse();
    assertThat(site.path("lastSeenAt").asString())
        .isEqualTo(site.path("leafServer").path("disconnectedAt").asString());
  }

  @Test
  void aFrozenLeafIsAStaleConnection() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    try (NatsServerProcess leaf = nyc.start()) {
      await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));

      Command.run(Path.of("/"), List.of("kill", "-STOP", Long.toString(leaf.pid())));
      try {
        await("the hub gave up on the frozen leaf", () -> "disconnected".equals(leafStatus(nyc)));
      } finally {
        Command.run(Path.of("/"), List.of("kill", "-CONT", Long.toString(leaf.pid())));
      }

      // Reconciliation may see the link gone a moment before the hub's DISCONNECT is handled;
      // the hub's reason then replaces its guess.
      await(
          "the hub's reason is shown",
          () ->
              "Stale Connection"
                  .equals(nyc.json().path("leafServer").path("lastDisconnectReason").asString()));
    }
  }

  @Test
  void aLeafWithAnotherSitesCertificateButItsOwnCredsIsAnIdentityMismatch() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    InstalledSite chicago = edge.newSite(acme, "Chicago DC");
    Path certs = nyc.prefix().resolve("etc/nats/certs");
    Path otherCerts = chicago.prefix().resolve("etc/nats/certs");
    for (String file : List.of("nats-leaf.pem", "nats-leaf-key.pem")) {
      Files.copy(
          otherCerts.resolve(file), certs.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    try (NatsServerProcess leaf = nyc.start()) {
      await("the identity mismatch is seen", () -> conditions(nyc).contains("identity_mismatch"));

      JsonNode condition = nyc.json().path("conditions").get(0);
      assertThat(condition.path("severity").asString()).isEqualTo("critical");
      assertThat(condition.path("detail").asString()).contains("leaf.chicago-dc." + acme.slug());
      assertThat(timeline(nyc))
          .anyMatch(entry -> entry.startsWith("condition-raised:identity_mismatch"));
    }
  }

  @Test
  void aLeafRepeatedlyDroppingIsFlapping() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    for (int i = 0; i < 3; i++) {
      NatsServerProcess leaf = nyc.start();
      await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));
      leaf.kill();
      await("the leaf shows disconnected", () -> "disconnected".equals(leafStatus(nyc)));
    }

    assertThat(conditions(nyc)).contains("flapping");
    assertThat(edge.operator().get("/api/v1/fleet/leafs?condition=flapping").json().path("items"))
        .anyMatch(item -> item.path("siteId").asString().equals(nyc.id()));
  }

  /**
   * A leaf that reconnected before the hub gave up its old, half-open link: the hub announces the
   * new CONNECT first and the old link's DISCONNECT after it. The site stays connected.
   */
  @Test
  void theDisconnectOfALinkOlderThanTheLeafsNewestLeavesItConnected() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    try (NatsServerProcess leaf = nyc.start()) {
      await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));
      String account =
          edge.operator().get("/api/v1/tenants/" + acme.id()).text("natsAccountPublicKey");
      String user = edge.leafUserOf(nyc.id());
      Instant now = Instant.now();
      String oldLink =
          """
          {"type":"io.nats.server.advisory.v1.client_disconnect","timestamp":"%s",
           "client":{"start":"%s","stop":"%s","acc":"%s","user":"%s","kind":"Leafnode",
                     "name":"%s","name_tag":"%s"},
           "reason":"Read Error"}
          """
              .formatted(
                  now,
                  now.minusSeconds(3600),
                  now,
                  account,
                  user,
                  LeafNames.serverName(TenantSlug.of(acme.slug()), NYC_OFFICE),
                  LeafNames.user(NYC_OFFICE, TenantSlug.of(acme.slug())));
      Connection hub = edge.controlPlane().getBean(HubConnection.class).connected().orElseThrow();

      hub.publish(
          "$SYS.ACCOUNT." + account + ".DISCONNECT", oldLink.getBytes(StandardCharsets.UTF_8));
      hub.flush(Duration.ofSeconds(2));
      Thread.sleep(1_000);

      assertThat(leafStatus(nyc)).isEqualTo("connected");
      assertThat(timeline(nyc)).noneMatch(entry -> entry.equals("disconnected:Read Error"));
    }
  }

  @Test
  void expiringCertificatesAndOutdatedConfigsAreConditions() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    UUID id = UUID.fromString(nyc.id());

    edge.jdbc()
        .sql(
            "UPDATE nats_leaf_servers SET cert_expires_at = CURRENT_TIMESTAMP + INTERVAL '20' DAY WHERE edge_site_id = :id")
        .param("id", id)
        .update();
    await("the certificate warning shows", () -> conditions(nyc).contains("cert_expiring"));
    assertThat(nyc.json().path("conditions").get(0).path("severity").asString())
        .isEqualTo("warning");

    edge.jdbc()
        .sql(
            "UPDATE nats_leaf_servers SET cert_expires_at = CURRENT_TIMESTAMP - INTERVAL '1' DAY WHERE edge_site_id = :id")
        .param("id", id)
        .update();
    await("the certificate shows expired", () -> conditions(nyc).contains("cert_expired"));
    assertThat(conditions(nyc)).doesNotContain("cert_expiring");

    acme.admin().post("/api/v1/edge-sites/" + nyc.id() + "/regenerate", null);
    await("the installed config is outdated", () -> conditions(nyc).contains("config_outdated"));
    edge.download(acme.admin(), "/api/v1/edge-sites/" + nyc.id() + "/bundle");
    assertThat(conditions(nyc)).doesNotContain("config_outdated", "cert_expired");
  }

  @Test
  void healthChangesStreamLiveToTheTenant() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    List<String> received = new CopyOnWriteArrayList<>();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(acme.admin().baseUrl() + "/api/v1/edge-sites/stream"))
            .header("Authorization", "Bearer " + acme.admin().token())
            .build();
    HttpResponse<Stream<String>> stream =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    Thread reader = new Thread(() -> stream.body().forEach(received::add));
    reader.setDaemon(true);
    reader.start();

    try (NatsServerProcess leaf = nyc.start()) {
      await(
          "the stream carries the site turning active",
          () ->
              received.stream()
                  .anyMatch(
                      line -> line.startsWith("data:") && line.contains("\"status\":\"active\"")));
    } finally {
      stream.body().close();
    }
  }

  @Test
  void statusIsRightAfterTheControlPlaneWasAwayWhileALeafWentDown() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    NatsServerProcess leaf = nyc.start();
    await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));

    edge.stopControlPlane();
    leaf.kill();
    edge.startControlPlane();

    Tenant sameAcme = new Tenant(acme.id(), acme.slug(), edge.operator().as(acme.admin().token()));
    InstalledSite again =
        new InstalledSite(
            sameAcme, nyc.id(), nyc.bundle(), nyc.prefix(), nyc.localPort(), nyc.monitoringPort());
    await("reconciliation found the leaf gone", () -> "disconnected".equals(leafStatus(again)));
    assertThat(again.json().path("status").asString()).isEqualTo("offline");
  }

  @Test
  void afterAHubRestartTheMonitorReconnectsAndTheLeafShowsConnectedAgain() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    try (NatsServerProcess leaf = nyc.start()) {
      await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));

      edge.stopHub();
      edge.startHub();

      await("the leaf is linked to the restarted hub", () -> nyc.check().exitCode() == 0);
      await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));
      String connectedAt = nyc.json().path("leafServer").path("connectedAt").asString();
      assertThat(connectedAt).isNotEmpty();
    }
  }

  @Test
  void eachEventIsHandledOnceWithTwoReplicas() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    try (ConfigurableApplicationContext second = edge.startReplica()) {
      await(
          "the second replica watches the hub",
          () -> second.getBean(HubConnection.class).connected().isPresent());
      Thread.sleep(500);

      try (NatsServerProcess leaf = nyc.start()) {
        await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));
        Thread.sleep(1000);
        assertThat(timeline(nyc)).filteredOn(entry -> entry.startsWith("connected")).hasSize(1);
      }
    }
  }

  @Test
  void aLeafUserThatIsNotTheSitesCurrentOneIsAnUnknownLeaf() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    // A second leaf user for the same site, issued outside the control plane (a leaked signing
    // key).
    TenantAccount account =
        edge.controlPlane()
            .getBean(TenantAccounts.class)
            .forTenant(UUID.fromString(acme.id()), TenantSlug.of(acme.slug()));
    String foreign =
        new NatsIdentities(Clock.systemUTC(), new SecureRandom())
            .issueLeafUser(account, SiteSlug.of("nyc-office"), UUID.fromString(nyc.id()))
            .credsText();
    Files.writeString(nyc.prefix().resolve("etc/nats/creds/tenant.creds"), foreign);

    try (NatsServerProcess leaf = nyc.start()) {
      await("the unknown leaf is seen", () -> conditions(nyc).contains("unknown_leaf"));
      assertThat(leafStatus(nyc)).isNotEqualTo("connected");
    }
    await("the condition clears once it is gone", () -> !conditions(nyc).contains("unknown_leaf"));
  }

  @Test
  void theFleetCountsEveryTenantsLeafs() throws Exception {
    Tenant acme = edge.newTenant();
    Tenant globex = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    InstalledSite berlin = edge.newSite(globex, "Berlin");
    try (NatsServerProcess leaf = nyc.start()) {
      await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));

      JsonNode fleet = edge.operator().get("/api/v1/fleet/leafs").json();
      JsonNode connected = edge.operator().get("/api/v1/fleet/leafs?status=connected").json();

      assertThat(fleet.path("byStatus").path("connected").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(fleet.path("items"))
          .anyMatch(item -> item.path("siteId").asString().equals(berlin.id()));
      assertThat(connected.path("items"))
          .allMatch(item -> item.path("leafStatus").asString().equals("connected"));
      assertThat(connected.path("items"))
          .anyMatch(item -> item.path("siteId").asString().equals(nyc.id()));
      assertThat(acme.admin().get("/api/v1/fleet/leafs").status()).isEqualTo(403);
      assertThat(edge.operator().get("/api/v1/fleet/leafs?status=sleeping").status())
          .isEqualTo(400);
    }
  }
}
