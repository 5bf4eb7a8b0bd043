package com.serviceradar.edge.packaging;

import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The control plane as the server package installs it: its launcher and jar unpacked from {@code
 * serviceradar-edge-server_VERSION_all.deb}, run on this JVM's Java as a separate process on a free
 * loopback port, with its own dev hub ({@code EDGE_DEV_HUB}) and the agent package the server
 * package ships as {@code EDGE_AGENT_PACKAGE_DIR}.
 */
final class PackagedControlPlane implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final String url;
  private final String bootstrapToken;
  private final Path log;

  private PackagedControlPlane(Process process, String url, String bootstrapToken, Path log) {
    this.process = process;
    this.url = url;
    this.bootstrapToken = bootstrapToken;
    this.log = log;
  }

  /**
   * Starts the control plane of the server package unpacked in {@code files}, keeping its data and
   * log under {@code dataDir}; returns once it is healthy.
   */
  static PackagedControlPlane start(Path files, Path dataDir) throws Exception {
    Files.createDirectories(dataDir);
    int port = NatsServerProcess.freePort();
    String bootstrapToken = "sre_" + randomHex();
    Path log = dataDir.resolve("server.log");
    ProcessBuilder builder =
        new ProcessBuilder(files.resolve("usr/bin/serviceradar-edge-server").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("EDGE_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("EDGE_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
    env.put("EDGE_PORT", Integer.toString(port));
    env.put("EDGE_DATA_DIR", dataDir.resolve("data").toString());
    env.put("EDGE_BOOTSTRAP_TOKEN", bootstrapToken);
    env.put("EDGE_DEV_HUB", "true");
    // NatsServerProcess.freePort never answers 4222, where this machine's own NATS may listen.
    env.put("EDGE_HUB_CLIENT_URL", "nats://127.0.0.1:" + NatsServerProcess.freePort());
    env.put("EDGE_HUB_LEAF_URL", "tls://127.0.0.1:" + NatsServerProcess.freePort());
    env.put("EDGE_HUB_LISTEN_HOST", "127.0.0.1");
    env.put(
        "EDGE_AGENT_PACKAGE_DIR",
        files.resolve("usr/share/serviceradar-edge-server/agent").toString());
    PackagedControlPlane controlPlane =
        new PackagedControlPlane(builder.start(), "http://127.0.0.1:" + port, bootstrapToken, log);
    controlPlane.awaitHealthy();
    return controlPlane;
  }

  private static String randomHex() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  String url() {
    return url;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** Creates a tenant and returns a tenant-admin API token for it. */
  String tenantAdminToken(String slug) throws Exception {
    JsonValue tenant =
        post(
            bootstrapToken,
            "/api/v1/tenants",
            "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}");
    JsonValue token =
        post(
            bootstrapToken,
            "/api/v1/tenants/" + text(tenant, "id") + "/api-tokens",
            "{\"name\":\"admin\",\"role\":\"tenant_admin\"}");
    return text(token, "token");
  }

  /** {@code GET /api/v1/fleet/leafs} as the platform operator. */
  JsonValue fleetLeafs() throws Exception {
    return get(bootstrapToken, "/api/v1/fleet/leafs");
  }

  /** POSTs JSON with a bearer token; fails unless it answers 201 Created. */
  JsonValue post(String token, String path, String json) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            request(token, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return answer(path, response, 201);
  }

  JsonValue get(String token, String path) throws Exception {
    return answer(
        path,
        HTTP.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString()),
        200);
  }

  private HttpRequest.Builder request(String token, String path) {
    return HttpRequest.newBuilder(URI.create(url + path))
        .header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(10));
  }

  private static JsonValue answer(String path, HttpResponse<String> response, int expected)
      throws Exception {
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JsonParser.parse(response.body());
  }

  /** The text at a dotted path, e.g. {@code leafServer.status}; "" when absent. */
  static String text(JsonValue value, String path) {
    JsonValue current = value;
    for (String key : path.split("\\.")) {
      if (current == null || current.map == null) {
        return "";
      }
      current = current.map.get(key);
    }
    if (current == null || current.type == JsonValue.Type.NULL) {
      return "";
    }
    return current.string != null ? current.string : current.toJson();
  }

  private void awaitHealthy() throws Exception {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      try {
        HttpResponse<String> health =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    close();
    throw new IllegalStateException("the packaged control plane did not become healthy:\n" + log());
  }

  /** Stops it (and with it its dev hub). */
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
