package com.serviceradar.edge.server.hub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.server.EdgeServerApplication;
import com.serviceradar.edge.server.natsauth.HubConnection;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product's promise, end to end with real processes: a hub installed from {@code GET
 * /api/v1/hub/bundle}, the control plane connected to it as the SYS monitor user, and edge sites
 * installed from {@code GET /api/v1/edge-sites/{id}/bundle} by their own {@code setup.sh}.
 */
class EdgeFlowTest {

  private static final String TOKEN = "sre_edge-flow-test";
  private static final NatsIdentities IDENTITIES =
      new NatsIdentities(Clock.systemUTC(), new SecureRandom());

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Path dir;
  private static Path hubConf;
  private static NatsServerProcess hub;
  private static int hubClientPort;
  private static ConfigurableApplicationContext controlPlane;
  private static ApiClient operatorApi;
  private static JdbcClient jdbc;

  @BeforeAll
  static void startControlPlaneAndHubFromItsBundle() throws Exception {
    dir = Files.createTempDirectory("edge-flow");
    hubClientPort = NatsServerProcess.freePort();
    int hubLeafPort = NatsServerProcess.freePort();
    controlPlane =
        new SpringApplicationBuilder(EdgeServerApplication.class)
            .run(
                "--edge.data-dir=" + dir.resolve("data"),
                "--edge.port=0",
                "--edge.bootstrap-token=" + TOKEN,
                "--edge.hub.client-url=nats://127.0.0.1:" + hubClientPort,
                "--edge.hub.leaf-url=tls://127.0.0.1:" + hubLeafPort,
                "--edge.hub.listen-host=127.0.0.1");
    operatorApi =
        new ApiClient(
            Integer.parseInt(controlPlane.getEnvironment().getProperty("local.server.port")),
            TOKEN);
    jdbc = controlPlane.getBean(JdbcClient.class);

    Path prefix = dir.resolve("hub");
    Path download = download(operatorApi, "/api/v1/hub/bundle?prefix=" + prefix, "hub.tar.gz");
    assertThat(Command.run(dir, List.of("tar", "-xzf", download.toString())).exitCode()).isZero();
    Files.createDirectories(prefix.resolve("etc/nats"));
    assertThat(
            Command.run(
                    dir, List.of("cp", "-R", "nats-hub/.", prefix.resolve("etc/nats").toString()))
                .exitCode())
        .isZero();
    hubConf = prefix.resolve("etc/nats/nats-hub.conf");
    NatsServerProcess.ConfigCheck check = NatsServerProcess.checkConfig(hubConf, Path.of("/"));
    assertThat(check.exitCode()).as(check.output()).isZero();
    hub = NatsServerProcess.startFromFile(hubConf, hubClientPort, null);
  }

  @AfterAll
  static void stop() {
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  private static Path download(ApiClient api, String path, String fileName) throws Exception {
    HttpResponse<byte[]> response = api.download(path);
    assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
    return Files.write(dir.resolve(fileName), response.body());
  }

  private record Tenant(String id, String slug, ApiClient admin) {}

  private static Tenant newTenant() {
    String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = operatorApi.post("/api/v1/tenants", Map.of("slug", slug, "name", slug)).text("id");
    String token =
        operatorApi
            .post(
                "/api/v1/tenants/" + id + "/api-tokens",
                Map.of("name", "admin", "role", "tenant_admin"))
            .text("token");
    return new Tenant(id, slug, operatorApi.as(token));
  }

  private static String hubUrl() {
    return "nats://127.0.0.1:" + hubClientPort;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  private static boolean hubHasCurrentJwt(String tenantId) {
    return jdbc.sql(
                "SELECT COUNT(*) FROM nats_accounts WHERE tenant_id = :id AND hub_jwt_sha256 = jwt_sha256")
            .param("id", UUID.fromString(tenantId))
            .query(Long.class)
            .single()
        == 1;
  }

  private static String userCreds(Tenant tenant, String name, UserPermissions permissions) {
    TenantAccount account =
        controlPlane
            .getBean(TenantAccounts.class)
            .forTenant(UUID.fromString(tenant.id()), TenantSlug.of(tenant.slug()));
    return IDENTITIES.issueUser(account, name, permissions, List.of()).credsText();
  }

  /** Downloads the site's bundle, checks its manifest and installs it with its own setup.sh. */
  private static Path install(Tenant tenant, String siteId, Path prefix) throws Exception {
    Path unpacked = Files.createDirectories(dir.resolve("unpacked-" + UUID.randomUUID()));
    Path archive =
        download(
            tenant.admin(),
            "/api/v1/edge-sites/" + siteId + "/bundle",
            "site-" + UUID.randomUUID() + ".tar.gz");
    assertThat(Command.run(unpacked, List.of("tar", "-xzf", archive.toString())).exitCode())
        .isZero();
    Path site = unpacked.resolve("edge-site-" + siteId);
    Command.Result manifest = Command.run(site, List.of("sha256sum", "-c", "MANIFEST.sha256"));
    assertThat(manifest.exitCode()).as(manifest.output()).isZero();
    Command.Result setup =
        Command.run(site, List.of("sh", "setup.sh", "--prefix", prefix.toString(), "--no-service"));
    assertThat(setup.exitCode()).as(setup.output()).isZero();
    return site;
  }

  private static String checksumOf(Tenant tenant, String siteId) {
    return tenant
        .admin()
        .get("/api/v1/edge-sites/" + siteId)
        .json()
        .get("leafServer")
        .get("configChecksum")
        .asString();
  }

  private static int leafLinks(int monitoringPort) {
    try {
      HttpResponse<String> leafz =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + monitoringPort + "/leafz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String body = leafz.body();
      int at = body.indexOf("\"leafnodes\":");
      return Integer.parseInt(body.substring(at + 12, body.indexOf(',', at)).strip());
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Test
  void aTenantCreatedAfterTheHubStartedCanConnectWithAUserOfItsAccount() throws Exception {
    Tenant tenant = newTenant();

    await("the hub holds the new account JWT", () -> hubHasCurrentJwt(tenant.id()));

    String creds =
        userCreds(tenant, "collector", UserPermissions.allow(List.of(">"), List.of(">")));
    try (Connection connection =
        LocalNats.connect("nats://127.0.0.1:" + hubClientPort, creds, null)) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  /** A site with its own local and monitoring ports, its bundle installed under its own prefix. */
  private record InstalledSite(
      Tenant tenant, String id, Path bundle, Path prefix, int localPort, int monitoringPort) {

    Path conf() {
      return prefix.resolve("etc/nats/nats-leaf.conf");
    }

    NatsServerProcess start() throws IOException {
      return NatsServerProcess.startFromFile(
          conf(), localPort, prefix.resolve("var/log/nats/nats-leaf.log"));
    }

    String caChain() throws IOException {
      return Files.readString(prefix.resolve("etc/nats/certs/ca-chain.pem"), UTF_8);
    }

    String localUrl() {
      return "tls://127.0.0.1:" + localPort;
    }

    Command.Result check() {
      return Command.run(
          bundle,
          List.of("sh", "setup.sh", "--check", "--prefix", prefix.toString(), "--wait", "10"));
    }
  }

  private static InstalledSite newSite(Tenant tenant, String name) throws Exception {
    int localPort = NatsServerProcess.freePort();
    int monitoringPort = NatsServerProcess.freePort();
    String siteId =
        tenant
            .admin()
            .post(
                "/api/v1/edge-sites",
                Map.of(
                    "name",
                    name,
                    "localListen",
                    "127.0.0.1:" + localPort,
                    "monitoringPort",
                    monitoringPort))
            .text("id");
    await("the hub holds the tenant's account JWT", () -> hubHasCurrentJwt(tenant.id()));
    Path prefix = dir.resolve("edge-host-" + siteId);
    return new InstalledSite(
        tenant, siteId, install(tenant, siteId, prefix), prefix, localPort, monitoringPort);
  }

  private static String fullUser(Tenant tenant, String name) {
    return userCreds(tenant, name, UserPermissions.allow(List.of(">"), List.of(">")));
  }

  /** The hub's own view: the leaf connections of the tenant's account, by CONNZ as the SYS user. */
  private static JsonNode hubLeafConnections(Tenant tenant) throws InterruptedException {
    String account = operatorApi.get("/api/v1/tenants/" + tenant.id()).text("natsAccountPublicKey");
    Connection monitor = controlPlane.getBean(HubConnection.class).connected().orElseThrow();
    Message reply =
        monitor.request(
            "$SYS.REQ.ACCOUNT." + account + ".CONNZ",
            "{\"auth\":true}".getBytes(UTF_8),
            Duration.ofSeconds(2));
    return JSON.readTree(reply.getData()).path("data").path("connections");
  }

  private static String leafUserOf(String siteId) {
    return jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
        .param("id", UUID.fromString(siteId))
        .query(String.class)
        .single();
  }

  private static boolean hubListsLeaf(Tenant tenant, String nameTag, String user) {
    try {
      for (JsonNode connection : hubLeafConnections(tenant)) {
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

  @Test
  void aSiteInstalledFromItsBundleCarriesTheTenantsTrafficBothWays() throws Exception {
    Tenant acme = newTenant();
    Tenant globex = newTenant();
    InstalledSite nyc = newSite(acme, "NYC Office");

    try (NatsServerProcess leaf = nyc.start()) {
      Command.Result check = nyc.check();
      assertThat(check.exitCode()).as(check.output() + leaf.log() + hub.log()).isZero();
      String nameTag = "leaf.nyc-office." + acme.slug();
      await(
          "the hub lists the leaf by its user's name",
          () -> hubListsLeaf(acme, nameTag, leafUserOf(nyc.id())));

      try (Connection atHub = LocalNats.connect(hubUrl(), fullUser(acme, "saas"), null);
          Connection atLeaf =
              LocalNats.connect(nyc.localUrl(), fullUser(acme, "collector"), nyc.caChain());
          Connection otherTenant = LocalNats.connect(hubUrl(), fullUser(globex, "snoop"), null)) {
        Subscription snooping = otherTenant.subscribe(">");
        Subscription upstream = atHub.subscribe("events.snmp");
        atHub.flush(Duration.ofSeconds(2));
        Message up =
            LocalNats.publishUntilReceived(
                atLeaf, upstream, "events.snmp", "leaf to hub", Duration.ofSeconds(5));
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

        assertThat(snooping.nextMessage(Duration.ofMillis(200))).isNull();
      }
      assertThat(LocalNats.refusedConnect(nyc.localUrl(), null, nyc.caChain())).isNotNull();
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
      } catch (java.util.concurrent.CancellationException noRespondersYet) {
        // interest has not crossed the leaf link yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no reply on " + subject);
  }

  @Test
  void twoSitesOfOneTenantStayConnectedWithoutFlapping() throws Exception {
    Tenant acme = newTenant();
    InstalledSite nyc = newSite(acme, "NYC Office");
    InstalledSite chicago = newSite(acme, "Chicago DC");

    try (NatsServerProcess nycLeaf = nyc.start();
        NatsServerProcess chicagoLeaf = chicago.start()) {
      assertThat(nyc.check().exitCode()).as(nycLeaf.log()).isZero();
      assertThat(chicago.check().exitCode()).as(chicagoLeaf.log()).isZero();
      int linksBefore = hubLeafConnections(acme).size();

      // Leafs with clashing names flap every reconnect interval (1 s): watch for thirty of them.
      Thread.sleep(30_000);

      assertThat(hubLeafConnections(acme).size()).isEqualTo(linksBefore).isEqualTo(2);
      assertThat(nyc.check().exitCode()).isZero();
      assertThat(chicago.check().exitCode()).isZero();
      assertThat(hub.log()).doesNotContain("Duplicate Remote LeafNode");
      assertThat(nycLeaf.log() + chicagoLeaf.log()).doesNotContain("Leafnode connection closed");
    }
  }

  @Test
  void regenerateConfiguration() throws Exception {
    Tenant acme = newTenant();
    InstalledSite nyc = newSite(acme, "NYC Office");
    String oldUser = leafUserOf(nyc.id());
    String oldChecksum = checksumOf(acme, nyc.id());
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
      String newUser = leafUserOf(nyc.id());
      assertThat(newUser).isNotEqualTo(oldUser);
      assertThat(checksumOf(acme, nyc.id())).isNotEqualTo(oldChecksum);

      // setup.sh with the new bundle, on the running leaf: it reconnects with the new identity.
      install(acme, nyc.id(), nyc.prefix());
      assertThat(Files.readString(nyc.prefix().resolve("etc/nats/certs/nats-leaf.pem"), UTF_8))
          .isNotEqualTo(oldCertificate);
      await(
          "the hub lists the leaf with its new user",
          () -> hubListsLeaf(acme, "leaf.nyc-office." + acme.slug(), newUser));
    }
  }

  @Test
  void anAccountChangeMadeWhileTheHubIsDownIsPushedWhenItReturns() throws Exception {
    hub.close();
    try {
      Tenant late = newTenant();
      Thread.sleep(300);
      assertThat(hubHasCurrentJwt(late.id())).isFalse();

      hub = NatsServerProcess.startFromFile(hubConf, hubClientPort, null);

      await("the hub holds the JWT made while it was down", () -> hubHasCurrentJwt(late.id()));
      try (Connection connection = LocalNats.connect(hubUrl(), fullUser(late, "collector"), null)) {
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      }
    } finally {
      if (!hub.isAlive()) {
        hub = NatsServerProcess.startFromFile(hubConf, hubClientPort, null);
      }
    }
  }

  @Test
  void siteNamesAreDataInSetupSh() throws Exception {
    Tenant acme = newTenant();
    Path marker = Path.of("/tmp/x");
    Files.deleteIfExists(marker);
    for (String name : List.of("$(touch /tmp/x)", "`id`", "'; rm -rf / #", "\"quoted\"")) {
      String siteId = acme.admin().post("/api/v1/edge-sites", Map.of("name", name)).text("id");
      Path prefix = dir.resolve("meta-" + siteId);

      Path bundle = install(acme, siteId, prefix);

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
}
