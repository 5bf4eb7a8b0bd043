package com.serviceradar.edge.cli;

import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.support.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged control plane ({@code edge-server/target/edge-server.jar}, built before edge-cli in
 * the reactor) as a child process on loopback, running its own dev hub ({@code EDGE_DEV_HUB}).
 */
final class ControlPlaneProcess implements AutoCloseable {

  static final Path JAR =
      Path.of("..", "edge-server", "target", "edge-server.jar").toAbsolutePath().normalize();
  private static final String BOOTSTRAP = "cli-test-bootstrap-token-0123456789";

  private final Process process;
  private final String url;
  private final String hubClientUrl;
  private final Path log;
  private final Path dataDir;

  private ControlPlaneProcess(
      Process process, String url, String hubClientUrl, Path log, Path dataDir) {
    this.process = process;
    this.url = url;
    this.hubClientUrl = hubClientUrl;
    this.log = log;
    this.dataDir = dataDir;
  }

  private static ControlPlaneProcess shared;

  /**
   * One control plane for every test class of this JVM that only needs an ordinary one: starting it
   * takes far longer than any test. Tests keep apart by using their own tenant. It stops when the
   * JVM exits.
   */
  static synchronized ControlPlaneProcess shared() throws Exception {
    if (shared == null) {
      Path dataDir = Files.createTempDirectory("edge-cli-control-plane");
      shared = start(dataDir);
      ControlPlaneProcess started = shared;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    deleteTree(dataDir);
                  },
                  "control-plane-stop"));
    }
    return shared;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException | UncheckedIOException leftForTheOs) {
      // a temporary directory: the OS cleans it up eventually
    }
  }

  static ControlPlaneProcess start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }

  /**
   * A control plane of its own, with {@code settings} (documented {@code EDGE_*} variables) on top
   * of the defaults here, for a test that needs the product configured differently.
   */
  static ControlPlaneProcess start(Path dataDir, Map<String, String> settings) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR
              + " is missing: build the reactor first (mvn -pl edge-core,edge-server,edge-cli verify)");
    }
    int port = NatsServerProcess.freePort();
    Path log = dataDir.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("EDGE_PORT", Integer.toString(port));
    builder.environment().put("EDGE_DATA_DIR", dataDir.resolve("data").toString());
    builder.environment().put("EDGE_BOOTSTRAP_TOKEN", BOOTSTRAP);
    String hubClientUrl = "nats://127.0.0.1:" + NatsServerProcess.freePort();
    builder.environment().put("EDGE_HUB_CLIENT_URL", hubClientUrl);
    // Reconciliation confirms a leaf that stayed connected through a change no event reports.
    builder.environment().put("EDGE_MONITOR_RECONCILE_INTERVAL", "2s");
    builder
        .environment()
        .put("EDGE_HUB_LEAF_URL", "tls://127.0.0.1:" + NatsServerProcess.freePort());
    builder.environment().put("EDGE_HUB_LISTEN_HOST", "127.0.0.1");
    builder.environment().put("EDGE_DEV_HUB", "true");
    builder.environment().remove("EDGE_DB_URL");
    builder.environment().putAll(settings);
    ControlPlaneProcess server =
        new ControlPlaneProcess(
            builder.start(),
            "http://127.0.0.1:" + port,
            hubClientUrl,
            log,
            dataDir.resolve("data"));
    server.awaitHealthy(Duration.ofSeconds(90));
    return server;
  }

  String url() {
    return url;
  }

  /** Its {@code EDGE_DATA_DIR}, where the dev hub keeps its files. */
  Path dataDir() {
    return dataDir;
  }

  /** Where clients reach the dev hub (no TLS). */
  String hubClientUrl() {
    return hubClientUrl;
  }

  /** The .creds of a new SaaS-side reader in the tenant's account (subscribes collector data). */
  String consumerCreds(String tenantId) throws Exception {
    return Json.text(post("/api/v1/tenants/" + tenantId + "/consumer-creds", "{}"), "creds", "");
  }

  /** Creates a tenant and returns a tenant-admin token for it. */
  String tenantAdminToken(String slug) throws Exception {
    JsonValue tenant =
        post("/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}");
    JsonValue token =
        post(
            "/api/v1/tenants/" + Json.text(tenant, "id", "") + "/api-tokens",
            "{\"name\":\"admin\",\"role\":\"tenant_admin\"}");
    return Json.text(token, "token", "");
  }

  /** A client with the platform operator's bootstrap token (fleet views). */
  ApiClient platformOperator() {
    return new ApiClient(url, BOOTSTRAP);
  }

  /** Waits up to 30 s until the site's leaf has {@code status}, as its admin sees it. */
  void awaitLeafStatus(ApiClient admin, String siteId, String status) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonValue site = null;
    while (Instant.now().isBefore(deadline)) {
      site = admin.get("/api/v1/edge-sites/" + siteId);
      if (status.equals(Json.text(site, "leafServer.status", ""))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "leaf not " + status + ": " + (site == null ? "" : site.toJson()) + "\n" + log());
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  private JsonValue post(String path, String body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + BOOTSTRAP)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.parse(response.body());
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        HttpResponse<String> reply =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    close();
    throw new IllegalStateException("the control plane did not become healthy:\n" + log());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
