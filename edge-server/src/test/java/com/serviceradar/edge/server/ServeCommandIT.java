package com.serviceradar.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.testing.NatsServerProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1, as written: {@code bin/serviceradar-edge serve} starts the control plane on the
 * embedded database, honours EDGE_PORT and EDGE_DATA_DIR, says where it listens and where the
 * bootstrap token is, and answers {@code /actuator/health}. Runs after packaging, on the real jar.
 */
class ServeCommandIT {

  private static final Path LAUNCHER =
      Path.of("..", "bin", "serviceradar-edge").toAbsolutePath().normalize();

  private static void collectOutput(Process server, List<String> output) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      lines.lines().forEach(output::add);
    } catch (java.io.IOException | java.io.UncheckedIOException streamClosedAtExit) {
      // the server was stopped; what it printed so far is all there is
    }
  }

  @Test
  void serveStartsTheControlPlaneOnItsEmbeddedDefault(@TempDir Path dataDir) throws Exception {
    int port = NatsServerProcess.freePort();
    ProcessBuilder command =
        new ProcessBuilder(LAUNCHER.toString(), "serve").redirectErrorStream(true);
    command.environment().put("EDGE_PORT", Integer.toString(port));
    command.environment().put("EDGE_DATA_DIR", dataDir.toString());
    command.environment().remove("EDGE_BOOTSTRAP_TOKEN");
    command.environment().remove("EDGE_DB_URL");
    Process server = command.start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> collectOutput(server, output));
    reader.setDaemon(true);
    reader.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
              .timeout(Duration.ofSeconds(2))
              .build();
      // Generous: a loaded 2-core CI machine has taken over a minute to start the packaged jar.
      Instant deadline = Instant.now().plusSeconds(180);
      HttpResponse<String> reply = null;
      while (Instant.now().isBefore(deadline) && server.isAlive()) {
        try {
          reply = http.send(health, HttpResponse.BodyHandlers.ofString());
          if (reply.statusCode() == 200) {
            break;
          }
        } catch (java.io.IOException notYet) {
          // not listening yet
        }
        Thread.sleep(250);
      }

      assertThat(reply).as(String.join("\n", output)).isNotNull();
      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.body()).contains("\"status\":\"UP\"");
      Path token = dataDir.resolve("bootstrap-token");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
          .isEqualTo("rw-------");
      assertThat(Files.exists(dataDir.resolve("db"))).isTrue();
      assertThat(String.join("\n", output))
          .contains("http://localhost:" + port + "/")
          .contains(token.toString())
          .doesNotContain(Files.readString(token).strip());
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }
}
