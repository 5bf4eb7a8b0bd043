package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.support.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sites show|update|delete|regenerate} and {@code status --watch} against the packaged
 * control plane with its dev hub, and a real leaf whose connection the watch must report live.
 */
class SiteCommandsEndToEndTest {

  @TempDir static Path dir;

  private static ControlPlaneProcess server;
  private static CliRun cli;

  @BeforeAll
  static void startControlPlaneAndLogIn() throws Exception {
    server = ControlPlaneProcess.shared();
    cli = new CliRun(dir.resolve("config-home"));
    CliRun.Result login =
        cli.run("login", "--api", server.url(), "--token", server.tenantAdminToken("initech"));
    assertThat(login.exitCode()).as(login.all()).isZero();
  }

  @Test
  void siteIsShownUpdatedRegeneratedAndDeletedBySlug() {
    JsonValue created = json(cli.run("sites", "create", "--name", "Denver", "--json"));
    String id = Json.text(created, "id", "");

    CliRun.Result show = cli.run("sites", "show", "denver");
    assertThat(show.exitCode()).as(show.all()).isZero();
    assertThat(show.out()).contains("Denver").contains(id);

    JsonValue renamed =
        json(
            cli.run(
                "sites",
                "update",
                "denver",
                "--name",
                "Denver HQ",
                "--nats-leaf-url",
                "nats://10.0.2.10:4222",
                "--json"));
    assertThat(Json.text(renamed, "name", "")).isEqualTo("Denver HQ");
    assertThat(Json.text(renamed, "slug", "")).isEqualTo("denver");
    assertThat(Json.text(renamed, "natsLeafUrl", "")).isEqualTo("nats://10.0.2.10:4222");

    JsonValue cleared = json(cli.run("sites", "update", "denver", "--nats-leaf-url", "", "--json"));
    assertThat(Json.text(cleared, "natsLeafUrl", "absent")).isEqualTo("absent");

    JsonValue regenerated = json(cli.run("sites", "regenerate", "denver", "--json"));
    assertThat(Json.text(regenerated, "leafServer.configChecksum", ""))
        .isNotBlank()
        .isNotEqualTo(Json.text(created, "leafServer.configChecksum", ""));

    CliRun.Result delete = cli.run("sites", "delete", "denver");
    assertThat(delete.exitCode()).as(delete.all()).isZero();
    assertThat(delete.out()).contains("Deleted site " + id);

    CliRun.Result gone = cli.run("sites", "show", "denver");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("denver").doesNotContain("Exception");
  }

  @Test
  void updateWithNothingToChangeIsAUsageError() {
    CliRun.Result update = cli.run("sites", "update", "anything");
    assertThat(update.exitCode()).isEqualTo(2);
    assertThat(update.err()).contains("--name or --nats-leaf-url");
  }

  @Test
  void statusWatchReportsTheLeafConnectingAndDisconnectingLive() throws Exception {
    int clientPort = NatsServerProcess.freePort();
    int monitoringPort = NatsServerProcess.freePort();
    assertThat(
            cli.run(
                    "sites",
                    "create",
                    "--name",
                    "Austin",
                    "--local-listen",
                    "127.0.0.1:" + clientPort,
                    "--monitoring-port",
                    Integer.toString(monitoringPort))
                .exitCode())
        .isZero();
    Path bundle = dir.resolve("austin.tar.gz");
    CliRun.Result download = cli.run("bundle", "download", "austin", "-o", bundle.toString());
    assertThat(download.exitCode()).as(download.all()).isZero();
    Path prefix = dir.resolve("austin-host");
    CliRun.Result install =
        cli.run("install", bundle.toString(), "--prefix", prefix.toString(), "--no-service");
    assertThat(install.exitCode()).as(install.all()).isZero();

    CliRun.Background watch = cli.start("status", "--watch");
    awaitOutput(watch, out -> out.contains("austin"), "the initial table");

    try (NatsServerProcess leaf =
        NatsServerProcess.startFromFile(
            prefix.resolve("etc/nats/nats-leaf.conf"),
            clientPort,
            prefix.resolve("var/log/nats/nats-leaf.log"))) {
      awaitOutput(watch, out -> changeLine(out, "austin", "connected"), "a connected line");
    }
    awaitOutput(watch, out -> changeLine(out, "austin", "disconnected"), "a disconnected line");
  }

  /** A change line printed by the watch (after the initial table) naming the site and status. */
  private static boolean changeLine(String out, String slug, String leafStatus) {
    return out.lines()
        .anyMatch(
            line ->
                line.matches("^\\d\\d:\\d\\d:\\d\\d\\s.*")
                    && line.contains(slug)
                    && line.matches(".*\\b" + leafStatus + "\\b.*"));
  }

  private static void awaitOutput(CliRun.Background watch, Predicate<String> seen, String what)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      if (seen.test(watch.out())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "status --watch printed no " + what + ":\n" + watch.out() + watch.err());
  }

  private static JsonValue json(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.all()).isZero();
    return Json.parse(result.out().strip());
  }
}
