package com.serviceradar.edge.server.hub;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.server.EdgeServerApplication;
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

/**
 * The product's promise, end to end with real processes: a hub installed from {@code GET
 * /api/v1/hub/bundle}, the control plane connected to it as the SYS monitor user, and edge sites
 * installed from {@code GET /api/v1/edge-sites/{id}/bundle} by their own {@code setup.sh}.
 */
class EdgeFlowTest {

  private static final String TOKEN = "sre_edge-flow-test";
  private static final NatsIdentities IDENTITIES =
      new NatsIdentities(Clock.systemUTC(), new SecureRandom());

  private static Path dir;
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
    Path conf = prefix.resolve("etc/nats/nats-hub.conf");
    NatsServerProcess.ConfigCheck check = NatsServerProcess.checkConfig(conf, Path.of("/"));
    assertThat(check.exitCode()).as(check.output()).isZero();
    hub = NatsServerProcess.startFromFile(conf, hubClientPort, null);
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

  @Test
  void aSiteInstalledFromItsBundleCarriesCollectorDataToTheHubAndRegenerateReplacesItsIdentity()
      throws Exception {
    Tenant tenant = newTenant();
    int localPort = NatsServerProcess.freePort();
    int monitoringPort = NatsServerProcess.freePort();
    String siteId =
        tenant
            .admin()
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
    await("the hub holds the tenant's account JWT", () -> hubHasCurrentJwt(tenant.id()));
    Path prefix = dir.resolve("edge-host-" + tenant.slug());
    Path site = install(tenant, siteId, prefix);
    Path leafConf = prefix.resolve("etc/nats/nats-leaf.conf");
    Path leafLog = prefix.resolve("var/log/nats/nats-leaf.log");
    String caChain = Files.readString(prefix.resolve("etc/nats/certs/ca-chain.pem"), UTF_8);
    String collector =
        userCreds(tenant, "collector.snmp", UserPermissions.allow(List.of("events.>"), List.of()));
    String consumer =
        userCreds(tenant, "consumer.saas", UserPermissions.allow(List.of(), List.of("events.>")));

    try (NatsServerProcess leaf = NatsServerProcess.startFromFile(leafConf, localPort, leafLog)) {
      Command.Result check =
          Command.run(
              site,
              List.of("sh", "setup.sh", "--check", "--prefix", prefix.toString(), "--wait", "10"));
      assertThat(check.exitCode()).as(check.output() + leaf.log() + hub.log()).isZero();
      try (Connection atHub =
              LocalNats.connect("nats://127.0.0.1:" + hubClientPort, consumer, null);
          Connection atLeaf =
              LocalNats.connect("tls://127.0.0.1:" + localPort, collector, caChain)) {
        Subscription subscription = atHub.subscribe("events.snmp");
        atHub.flush(Duration.ofSeconds(2));
        Message received =
            LocalNats.publishUntilReceived(
                atLeaf, subscription, "events.snmp", "from nyc", Duration.ofSeconds(5));
        assertThat(received).as(leaf.log()).isNotNull();
        assertThat(new String(received.getData(), UTF_8)).isEqualTo("from nyc");
      }

      String checksumBefore = checksumOf(tenant, siteId);
      assertThat(tenant.admin().post("/api/v1/edge-sites/" + siteId + "/regenerate", null).status())
          .isEqualTo(200);

      await(
          "the hub has cut the leaf whose user was revoked", () -> leafLinks(monitoringPort) == 0);
      assertThat(leaf.awaitLog("Authorization Violation", Duration.ofSeconds(5)))
          .as(leaf.log())
          .isTrue();
      assertThat(checksumOf(tenant, siteId)).isNotEqualTo(checksumBefore);
    }

    // Re-running setup.sh with the regenerated bundle upgrades the installation in place.
    Path upgraded = install(tenant, siteId, prefix);
    try (NatsServerProcess leaf = NatsServerProcess.startFromFile(leafConf, localPort, leafLog)) {
      Command.Result check =
          Command.run(
              upgraded,
              List.of("sh", "setup.sh", "--check", "--prefix", prefix.toString(), "--wait", "10"));
      assertThat(check.exitCode()).as(check.output() + leaf.log()).isZero();
    }
    assertThat(
            operatorApi
                .get(
                    "/api/v1/audit-events?tenantId="
                        + tenant.id()
                        + "&action=edge-site.bundle-download")
                .json()
                .get("items")
                .size())
        .isEqualTo(2);
  }
}
