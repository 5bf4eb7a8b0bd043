package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The [E7] flow on one machine with real processes: the packaged control plane with its dev hub,
 * {@code login}, {@code provision --install --prefix DIR --no-service --wait 0}, nats-server
 * started on the installed conf, {@code status} until connected, {@code doctor} all PASS, then a
 * hand edit of the conf seen as drift.
 */
class ProvisionEndToEndTest {

  @TempDir static Path dir;

  private static ControlPlaneProcess server;

  @BeforeAll
  static void startControlPlane() throws Exception {
    server = ControlPlaneProcess.shared();
  }

  @Test
  void provisionedLeafConnectsAndDoctorPassesEveryCheckUntilTheConfIsEdited() throws Exception {
    CliRun cli = new CliRun(dir.resolve("config-home"));
    String token = server.tenantAdminToken("acme");

    CliRun.Result login = cli.run("login", "--api", server.url(), "--token", token);
    assertThat(login.exitCode()).as(login.all()).isZero();
    Path config = dir.resolve("config-home/serviceradar-edge/config.json");
    assertThat(Files.getPosixFilePermissions(config))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

    ProvisionedHost host = ProvisionedHost.provision(cli, dir, "edge", "NYC Office", null);
    CliRun.Result provision = host.result();
    assertThat(provision.exitCode()).as(provision.all()).isZero();
    assertThat(provision.out()).contains("Created site nyc-office").contains("Verified");

    Path conf = host.conf();
    try (NatsServerProcess leaf = host.startLeaf()) {
      JsonValue site = awaitConnected(cli, Duration.ofSeconds(30));
      assertThat(Json.text(site, "status", "")).isEqualTo("active");

      CliRun.Result doctor = cli.run("doctor", "--config", conf.toString());
      assertThat(doctor.exitCode()).as(doctor.all()).isZero();
      // Only the version may warn: Debian 12's nats-server is 2.9 (NatsServerVersionTest).
      String besidesTheVersion =
          doctor.out().replaceAll("(?m)^.*nats-server version: .*\n(\\s+fix: .*\n)?", "");
      assertThat(besidesTheVersion)
          .doesNotContain("FAIL")
          .doesNotContain("WARN")
          .doesNotContain("SKIP");
      assertThat(doctor.out())
          .contains("PASS  config checksum")
          .contains("PASS  hub TLS handshake")
          .containsPattern("PASS  local listen port: port \\d+ is held by this leaf");

      Files.writeString(
          conf, "# tuned by hand\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      CliRun.Result drift = cli.run("doctor", "--config", conf.toString());
      assertThat(drift.exitCode()).isEqualTo(1);
      assertThat(drift.out())
          .contains("FAIL  config checksum: " + conf + " differs from the control plane's");
    }

    CliRun.Result again =
        cli.run(
            "provision",
            "--name",
            "NYC Office",
            "--wait",
            "0",
            "-o",
            dir.resolve("again.tar.gz").toString());
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("Reusing site nyc-office");
  }

  @Test
  void collectorsAreCreatedListedAndBundledFromTheCommandLine() throws Exception {
    CliRun cli = new CliRun(dir.resolve("collectors-config-home"));
    assertThat(
            cli.run("login", "--api", server.url(), "--token", server.tenantAdminToken("globex"))
                .exitCode())
        .isZero();
    assertThat(
            cli.run(
                    "sites",
                    "create",
                    "--name",
                    "Berlin",
                    "--nats-leaf-url",
                    "nats://10.0.1.50:4222")
                .exitCode())
        .isZero();

    CliRun.Result created =
        cli.run(
            "collectors",
            "create",
            "--type",
            "flowgger",
            "--site",
            "berlin",
            "--name",
            "flowgger-1",
            "--json");
    CliRun.Result list = cli.run("collectors", "list", "--site", "berlin");
    String id = Json.text(Json.parse(created.out().strip()), "id", "");
    Path bundle = dir.resolve("collector.tar.gz");
    CliRun.Result download = cli.run("collectors", "bundle", id, "-o", bundle.toString());

    assertThat(created.exitCode()).as(created.all()).isZero();
    assertThat(list.out()).contains("flowgger-1").contains("nats://10.0.1.50:4222");
    assertThat(download.exitCode()).as(download.all()).isZero();
    Process tar =
        new ProcessBuilder("tar", "-tzf", bundle.toString()).redirectErrorStream(true).start();
    String entries =
        new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(tar.waitFor()).isZero();
    assertThat(entries).contains("collector-package-" + id + "/config/flowgger.json");
    assertThat(cli.run("collectors", "create", "--site", "berlin").exitCode()).isEqualTo(2);
  }

  private static JsonValue awaitConnected(CliRun cli, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    JsonValue site = null;
    while (Instant.now().isBefore(deadline)) {
      CliRun.Result status = cli.run("status", "--json");
      assertThat(status.exitCode()).as(status.all()).isZero();
      site = Json.array(Json.parse(status.out().strip())).get(0);
      if ("connected".equals(Json.text(site, "leafServer.status", ""))) {
        return site;
      }
      Thread.sleep(300);
    }
    throw new AssertionError(
        "site not connected: " + (site == null ? "none" : site.toJson()) + "\n" + server.log());
  }
}
