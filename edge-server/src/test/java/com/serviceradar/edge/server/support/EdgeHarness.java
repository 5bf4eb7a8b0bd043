package com.serviceradar.edge.server.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.server.EdgeServerApplication;
import com.serviceradar.edge.server.natsauth.HubConnection;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real thing on loopback: a control plane (H2 file in a temporary data dir), a hub installed
 * from its {@code GET /api/v1/hub/bundle}, and edge sites installed from their bundles by their own
 * {@code setup.sh}. One per test class; close it after.
 */
public final class EdgeHarness implements AutoCloseable {

  public static final String TOKEN = "sre_edge-harness";
  private static final NatsIdentities IDENTITIES =
      new NatsIdentities(Clock.systemUTC(), new SecureRandom());
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;
  private final int hubClientPort = NatsServerProcess.freePort();
  private final int hubLeafPort = NatsServerProcess.freePort();
  private final List<String> settings;
  private Path hubConf;
  private NatsServerProcess hub;
  private ConfigurableApplicationContext controlPlane;
  private ApiClient operator;

  private EdgeHarness(Path dir, List<String> extraSettings) {
    this.dir = dir;
    this.settings = new ArrayList<>(extraSettings);
  }

  /**
   * @param hubConfigExtra lines appended to the generated hub config (such as a short
   *     ping_interval)
   * @param extraSettings more {@code --edge.*=value} arguments for the control plane
   */
  public static EdgeHarness start(String hubConfigExtra, String... extraSettings) throws Exception {
    EdgeHarness harness =
        new EdgeHarness(Files.createTempDirectory("edge-harness"), List.of(extraSettings));
    harness.startControlPlane();
    harness.installHub(hubConfigExtra);
    harness.startHub();
    return harness;
  }

  public void startControlPlane() {
    controlPlane = startReplica();
    operator =
        new ApiClient(
            Integer.parseInt(controlPlane.getEnvironment().getProperty("local.server.port")),
            TOKEN);
  }

  /**
   * Another control-plane replica on the same data (the H2 file is shared inside one JVM), as
   * several replicas share one PostgreSQL in production. The caller closes it.
   */
  public ConfigurableApplicationContext startReplica() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--edge.data-dir=" + dir.resolve("data"),
                "--edge.port=0",
                "--edge.bootstrap-token=" + TOKEN,
                "--edge.hub.client-url=nats://127.0.0.1:" + hubClientPort,
                "--edge.hub.leaf-url=tls://127.0.0.1:" + hubLeafPort,
                "--edge.hub.listen-host=127.0.0.1"));
    args.addAll(settings);
    return new SpringApplicationBuilder(EdgeServerApplication.class)
        .run(args.toArray(String[]::new));
  }

  public void stopControlPlane() {
    controlPlane.close();
  }

  private void installHub(String hubConfigExtra) throws Exception {
    Path prefix = dir.resolve("hub");
    Path archive = download(operator, "/api/v1/hub/bundle?prefix=" + prefix);
    assertThat(Command.run(dir, List.of("tar", "-xzf", archive.toString())).exitCode()).isZero();
    Files.createDirectories(prefix.resolve("etc/nats"));
    Command.Result copy =
        Command.run(dir, List.of("cp", "-R", "nats-hub/.", prefix.resolve("etc/nats").toString()));
    assertThat(copy.exitCode()).as(copy.output()).isZero();
    hubConf = prefix.resolve("etc/nats/nats-hub.conf");
    if (!hubConfigExtra.isEmpty()) {
      Files.writeString(hubConf, Files.readString(hubConf) + "\n" + hubConfigExtra + "\n");
    }
    NatsServerProcess.ConfigCheck check = NatsServerProcess.checkConfig(hubConf, Path.of("/"));
    assertThat(check.exitCode()).as(check.output()).isZero();
  }

  public void startHub() throws IOException {
    hub = NatsServerProcess.startFromFile(hubConf, hubClientPort, null);
  }

  public void stopHub() {
    hub.close();
  }

  public NatsServerProcess hub() {
    return hub;
  }

  public String hubUrl() {
    return "nats://127.0.0.1:" + hubClientPort;
  }

  public Path dir() {
    return dir;
  }

  public ApiClient operator() {
    return operator;
  }

  public ConfigurableApplicationContext controlPlane() {
    return controlPlane;
  }

  public JdbcClient jdbc() {
    return controlPlane.getBean(JdbcClient.class);
  }

  @Override
  public void close() {
    if (controlPlane != null) {
      controlPlane.close();
    }
    if (hub != null) {
      hub.close();
    }
  }

  public Path download(ApiClient api, String path) throws IOException {
    HttpResponse<byte[]> response = api.download(path);
    assertThat(response.statusCode()).as(new String(response.body(), UTF_8)).isEqualTo(200);
    return Files.write(dir.resolve("download-" + UUID.randomUUID() + ".tar.gz"), response.body());
  }

  /** A tenant with its own admin token. */
  public record Tenant(String id, String slug, ApiClient admin) {}

  public Tenant newTenant() {
    String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
    String id = operator.post("/api/v1/tenants", Map.of("slug", slug, "name", slug)).text("id");
    String token =
        operator
            .post(
                "/api/v1/tenants/" + id + "/api-tokens",
                Map.of("name", "admin", "role", "tenant_admin"))
            .text("token");
    return new Tenant(id, slug, operator.as(token));
  }

  /** A site with its own local and monitoring ports, its bundle installed under its own prefix. */
  public record InstalledSite(
      Tenant tenant, String id, Path bundle, Path prefix, int localPort, int monitoringPort) {

    public Path conf() {
      return prefix.resolve("etc/nats/nats-leaf.conf");
    }

    public NatsServerProcess start() throws IOException {
      return NatsServerProcess.startFromFile(
          conf(), localPort, prefix.resolve("var/log/nats/nats-leaf.log"));
    }

    public String caChain() throws IOException {
      return Files.readString(prefix.resolve("etc/nats/certs/ca-chain.pem"), UTF_8);
    }

    public String localUrl() {
      return "tls://127.0.0.1:" + localPort;
    }

    public Command.Result check() {
      return Command.run(
          bundle,
          List.of("sh", "setup.sh", "--check", "--prefix", prefix.toString(), "--wait", "10"));
    }

    /** The site as the API shows it now. */
    public JsonNode json() {
      return tenant.admin().get("/api/v1/edge-sites/" + id).json();
    }
  }

  public InstalledSite newSite(Tenant tenant, String name) throws Exception {
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

  /** Downloads the site's bundle, checks its manifest and installs it with its own setup.sh. */
  public Path install(Tenant tenant, String siteId, Path prefix) throws Exception {
    Path unpacked = Files.createDirectories(dir.resolve("unpacked-" + UUID.randomUUID()));
    Path archive = download(tenant.admin(), "/api/v1/edge-sites/" + siteId + "/bundle");
    assertThat(Command.run(unpacked, List.of("tar", "-xzf", archive.toString())).exitCode())
        .isZero();
    Path site = unpacked.resolve(EdgeSiteNames.bundleFolder(UUID.fromString(siteId)));
    Command.Result manifest = Command.run(site, List.of("sha256sum", "-c", "MANIFEST.sha256"));
    assertThat(manifest.exitCode()).as(manifest.output()).isZero();
    Command.Result setup =
        Command.run(site, List.of("sh", "setup.sh", "--prefix", prefix.toString(), "--no-service"));
    assertThat(setup.exitCode()).as(setup.output()).isZero();
    return site;
  }

  public static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(15);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  public boolean hubHasCurrentJwt(String tenantId) {
    return jdbc()
            .sql(
                "SELECT COUNT(*) FROM nats_accounts WHERE tenant_id = :id AND hub_jwt_sha256 = jwt_sha256")
            .param("id", UUID.fromString(tenantId))
            .query(Long.class)
            .single()
        == 1;
  }

  public String userCreds(Tenant tenant, String name, UserPermissions permissions) {
    TenantAccount account =
        controlPlane
            .getBean(TenantAccounts.class)
            .forTenant(UUID.fromString(tenant.id()), TenantSlug.of(tenant.slug()));
    return IDENTITIES.issueUser(account, name, permissions, List.of()).credsText();
  }

  public String fullUser(Tenant tenant, String name) {
    return userCreds(tenant, name, UserPermissions.allow(List.of(">"), List.of(">")));
  }

  /** The hub's own view: the connections of the tenant's account, by CONNZ as the SYS user. */
  public JsonNode hubConnections(Tenant tenant) throws InterruptedException {
    String account = operator.get("/api/v1/tenants/" + tenant.id()).text("natsAccountPublicKey");
    Connection monitor = controlPlane.getBean(HubConnection.class).connected().orElseThrow();
    Message reply =
        monitor.request(
            "$SYS.REQ.ACCOUNT." + account + ".CONNZ",
            "{\"auth\":true}".getBytes(UTF_8),
            Duration.ofSeconds(2));
    return JSON.readTree(reply.getData()).path("data").path("connections");
  }

  public String leafUserOf(String siteId) {
    return jdbc()
        .sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
        .param("id", UUID.fromString(siteId))
        .query(String.class)
        .single();
  }
}
