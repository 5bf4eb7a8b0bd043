package com.serviceradar.edge.server.natsauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.server.EdgeServerApplication;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.system.AtRestSecrets;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Against a real operator-mode hub with a full resolver: the control plane, connected as its SYS
 * monitor user, pushes every new or re-issued account JWT, so a new tenant's users connect at once
 * and a regenerated site's old leaf user is refused while the new one is accepted.
 */
class HubAccountSyncTest {

  private static final String TOKEN = "sre_hub-sync-test";
  private static final NatsIdentities IDENTITIES =
      new NatsIdentities(Clock.systemUTC(), new SecureRandom());

  private static Path dir;
  private static NatsServerProcess hub;
  private static int hubLeafPort;
  private static int hubMonitorPort;
  private static ConfigurableApplicationContext controlPlane;
  private static ApiClient operatorApi;
  private static JdbcClient jdbc;

  @BeforeAll
  static void startHubAndControlPlane() throws IOException {
    dir = Files.createTempDirectory("hub-sync");
    NatsOperator operator = IDENTITIES.createOperator("hub-sync-test");
    hubLeafPort = NatsServerProcess.freePort();
    hubMonitorPort = NatsServerProcess.freePort();
    Files.createDirectories(dir.resolve("jwt"));
    String system = operator.systemAccount().publicKey();
    hub =
        NatsServerProcess.start(
            dir,
            "hub",
            """
            server_name: "test-hub"
            http: "127.0.0.1:%d"
            operator: "%s"
            system_account: "%s"
            resolver { type: full, dir: "%s", allow_delete: false, interval: "2m" }
            resolver_preload { %s: "%s" }
            leafnodes { listen: "127.0.0.1:%d" }
            """
                .formatted(
                    hubMonitorPort,
                    operator.jwt(),
                    system,
                    dir.resolve("jwt"),
                    system,
                    operator.systemAccount().jwt(),
                    hubLeafPort));
    controlPlane =
        new SpringApplicationBuilder(EdgeServerApplication.class)
            .run(
                "--edge.data-dir=" + dir.resolve("data"),
                "--edge.port=0",
                "--edge.bootstrap-token=" + TOKEN,
                "--edge.hub.client-url=" + hub.clientUrl(),
                "--edge.hub.leaf-url=nats://127.0.0.1:" + hubLeafPort,
                "--edge.importing.nats-operator-jwt=" + operator.jwt(),
                "--edge.importing.nats-operator-signing-seed="
                    + new String(operator.signingSeed().reveal()),
                "--edge.importing.nats-system-account-jwt=" + operator.systemAccount().jwt(),
                "--edge.importing.nats-system-account-seed="
                    + new String(operator.systemAccount().identitySeed().reveal()));
    operatorApi =
        new ApiClient(
            Integer.parseInt(controlPlane.getEnvironment().getProperty("local.server.port")),
            TOKEN);
    jdbc = controlPlane.getBean(JdbcClient.class);
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

  private static String leafCreds(String siteId) {
    record Leaf(UUID id, String jwt, String sealedSeed) {}
    Leaf leaf =
        jdbc.sql(
                "SELECT id, leaf_user_jwt, leaf_user_seed_sealed FROM nats_leaf_servers WHERE edge_site_id = :id")
            .param("id", UUID.fromString(siteId))
            .query(
                (rs, row) ->
                    new Leaf(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
            .single();
    String seed =
        controlPlane
            .getBean(AtRestSecrets.class)
            .open(leaf.sealedSeed(), "nats_leaf_servers.leaf_user_seed:" + leaf.id());
    return String.format(JwtUtils.NATS_USER_JWT_FORMAT, leaf.jwt(), seed);
  }

  private static NatsServerProcess startLeaf(String name, String creds) throws IOException {
    Path credsFile = Files.writeString(dir.resolve(name + ".creds"), creds);
    return NatsServerProcess.start(
        dir,
        name,
        """
        server_name: "%s"
        leafnodes { remotes = [ { url: "nats-leaf://127.0.0.1:%d", credentials: "%s" } ] }
        """
            .formatted(name, hubLeafPort, credsFile));
  }

  private static int hubLeafConnections() {
    try {
      HttpResponse<String> leafz =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + hubMonitorPort + "/leafz"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String body = leafz.body();
      int at = body.indexOf("\"leafnodes\":");
      return Integer.parseInt(body.substring(at + 12, body.indexOf(',', at)).strip());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aTenantCreatedAfterTheHubStartedCanConnectWithAUserOfItsAccount() throws Exception {
    Tenant tenant = newTenant();

    await("the hub holds the new account JWT", () -> hubHasCurrentJwt(tenant.id()));

    TenantAccount account =
        controlPlane
            .getBean(TenantAccounts.class)
            .forTenant(UUID.fromString(tenant.id()), TenantSlug.of(tenant.slug()));
    String creds =
        IDENTITIES
            .issueUser(
                account, "collector", UserPermissions.allow(List.of(">"), List.of(">")), List.of())
            .credsText();
    Options options =
        new Options.Builder()
            .server(hub.clientUrl())
            .authHandler(Nats.staticCredentials(creds.getBytes(StandardCharsets.UTF_8)))
            .connectionTimeout(Duration.ofSeconds(2))
            .maxReconnects(0)
            .build();
    try (Connection connection = Nats.connect(options)) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  @Test
  void afterRegenerateTheOldLeafUserIsRefusedByTheHubAndTheNewOneAccepted() throws Exception {
    Tenant tenant = newTenant();
    String siteId =
        tenant.admin().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    String oldCreds = leafCreds(siteId);
    await("the hub holds the new account JWT", () -> hubHasCurrentJwt(tenant.id()));
    int before = hubLeafConnections();

    try (NatsServerProcess oldLeaf = startLeaf("leaf-old-" + tenant.slug(), oldCreds)) {
      await("the old leaf is linked", () -> hubLeafConnections() == before + 1);

      assertThat(tenant.admin().post("/api/v1/edge-sites/" + siteId + "/regenerate", null).status())
          .isEqualTo(200);

      await("the hub cut the revoked leaf", () -> hubLeafConnections() == before);
      try (NatsServerProcess newLeaf = startLeaf("leaf-new-" + tenant.slug(), leafCreds(siteId))) {
        await("the new leaf is linked", () -> hubLeafConnections() == before + 1);
        assertThat(oldLeaf.awaitLog("Authorization Violation", Duration.ofSeconds(5))).isTrue();
      }
    }
  }
}
