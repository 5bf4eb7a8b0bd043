package com.serviceradar.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.Golden;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.testing.SystemdAnalyze;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setup.sh with its systemd service, as root, with a stub {@code systemctl} that records its calls
 * (this machine must not get a real unit) and plays systemd's part: it names the main process of
 * Debian's {@code nats-server.service} (and stops it) and of the leaf's unit (and reloads it).
 */
class SetupServiceTest {

  private static final String STUB_SYSTEMCTL =
      """
      #!/bin/sh
      printf '%s\\n' "$*" >> "$STUB_CALLS"
      case "$*" in
        'show --property MainPID --value nats-server.service') echo "${DISTRO_PID:-0}" ;;
        'stop nats-server.service') kill "$DISTRO_PID" ;;
        'show --property MainPID --value serviceradar-nats-leaf.service') echo "${LEAF_PID:-0}" ;;
        'reload serviceradar-nats-leaf') kill -HUP "$LEAF_PID" ;;
        'is-active --quiet serviceradar-nats-leaf') [ -n "${LEAF_PID:-}" ] ;;
      esac
      """;

  private final FreshSite fresh = new FreshSite();
  private final int listenPort = NatsServerProcess.freePort();
  private final LeafConfig config =
      fresh.config(
          NatsUrl.parse("tls://127.0.0.1:" + NatsServerProcess.freePort()),
          listenPort,
          NatsServerProcess.freePort());

  @TempDir Path directory;
  private Path bundle;
  private Path prefix;
  private Path units;
  private Path calls;
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void stubSystemd() throws IOException {
    SetupScriptTest.requireRootWithNatsUser();
    bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config), directory);
    prefix = directory.resolve("root");
    units = Files.createDirectory(directory.resolve("units"));
    calls = directory.resolve("systemctl.calls");
    Path stubs = Files.createDirectory(directory.resolve("stubs"));
    Path systemctl = stubs.resolve("systemctl");
    Files.writeString(systemctl, STUB_SYSTEMCTL);
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
    environment.put("PATH", stubs + ":" + System.getenv("PATH"));
    environment.put("STUB_CALLS", calls.toString());
    environment.put("SYSTEMD_UNIT_DIR", units.toString());
  }

  private Command.Result setup(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of("sh", "setup.sh", "--prefix", prefix.toString()));
    command.addAll(List.of(arguments));
    return Command.run(bundle, environment, command);
  }

  /**
   * The calls systemctl got; is-system-running is asked only where /run/systemd/system is missing.
   */
  private String systemctlCalls() throws IOException {
    return Files.exists(calls) ? Files.readString(calls).replace("is-system-running\n", "") : "";
  }

  private Path leafUnit() {
    return units.resolve("serviceradar-nats-leaf.service");
  }

  @Test
  void installsTheHardenedUnitAndRestartsIt() throws Exception {
    Command.Result install = setup("--wait", "0");

    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(install.output()).contains("Service serviceradar-nats-leaf (re)started.");
    assertThat(systemctlCalls())
        .isEqualTo(
            "daemon-reload\nenable serviceradar-nats-leaf\nrestart serviceradar-nats-leaf\n");
    String unit = Files.readString(leafUnit());
    assertThat(unit).contains("ExecStart=" + NatsServerProcess.binary() + " -c " + prefix + "/");
    // As installed under /: the golden file shows exactly what an edge host gets.
    Golden.assertMatches(
        "edge-site/serviceradar-nats-leaf.service", unit.replace(prefix.toString(), ""));
  }

  @Test
  void theLeafUnitScoresOkInSystemdsSecurityReviewAndVerifies() throws Exception {
    assertThat(setup("--wait", "0").exitCode()).isZero();

    SystemdAnalyze.Security security = SystemdAnalyze.security(leafUnit());
    Command.Result verify = SystemdAnalyze.verify(leafUnit());

    assertThat(security.exposure())
        .as(security.report())
        .isLessThanOrEqualTo(SystemdAnalyze.MAX_EXPOSURE);
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).isEmpty();
  }

  @Test
  void thePortHeldByTheDistributionsNatsServerStopsSetupBeforeAnythingIsWritten() throws Exception {
    try (NatsServerProcess distro = startDistroLikeServer()) {
      environment.put("DISTRO_PID", Long.toString(distro.pid()));

      Command.Result install = setup("--wait", "0");

      assertThat(install.exitCode()).as(install.output()).isEqualTo(2);
      assertThat(install.output())
          .contains(
              "port "
                  + listenPort
                  + ", where the leaf listens, is held by nats-server (pid "
                  + distro.pid()
                  + ") of nats-server.service")
          .contains("Nothing was changed")
          .contains("--replace-distro-service");
      assertThat(prefix).doesNotExist();
      assertThat(units).isEmptyDirectory();
      assertThat(distro.isAlive()).isTrue();
      assertThat(systemctlCalls())
          .doesNotContain("stop")
          .doesNotContain("disable")
          .doesNotContain("daemon-reload");
    }
  }

  @Test
  void replaceDistroServiceStopsAndDisablesItAndInstalls() throws Exception {
    try (NatsServerProcess distro = startDistroLikeServer()) {
      environment.put("DISTRO_PID", Long.toString(distro.pid()));

      Command.Result install = setup("--replace-distro-service", "--wait", "0");

      assertThat(install.exitCode()).as(install.output()).isZero();
      assertThat(install.output())
          .contains("Stopped and disabled nats-server.service, which held port " + listenPort)
          .contains("Service serviceradar-nats-leaf (re)started.");
      assertThat(systemctlCalls())
          .contains("stop nats-server.service\ndisable nats-server.service\n")
          .endsWith("restart serviceradar-nats-leaf\n");
      assertThat(distro.isAlive()).isFalse();
      assertThat(prefix.resolve("etc/nats/nats-leaf.conf")).isRegularFile();
    }
  }

  @Test
  void anyOtherHolderOfThePortIsNamedAndLeftAlone() throws Exception {
    try (NatsServerProcess other = startDistroLikeServer()) {
      Command.Result install = setup("--replace-distro-service", "--wait", "0");

      assertThat(install.exitCode()).as(install.output()).isEqualTo(2);
      assertThat(install.output())
          .contains("is held by nats-server (pid " + other.pid())
          .contains("Nothing was changed");
      assertThat(other.isAlive()).isTrue();
      assertThat(prefix).doesNotExist();
    }
  }

  @Test
  void aRerunWithTheSameUnitReloadsTheRunningLeafInsteadOfRestartingIt() throws Exception {
    assertThat(setup("--wait", "0").exitCode()).isZero();
    try (NatsServerProcess leaf =
        NatsServerProcess.startFromFile(
            prefix.resolve("etc/nats/nats-leaf.conf"),
            listenPort,
            prefix.resolve("var/log/nats/nats-leaf.log"))) {
      environment.put("LEAF_PID", Long.toString(leaf.pid()));
      Files.delete(calls);

      Command.Result upgrade = setup("--wait", "0");

      assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
      assertThat(upgrade.output()).contains("Service serviceradar-nats-leaf reloaded");
      assertThat(systemctlCalls())
          .contains("reload serviceradar-nats-leaf\n")
          .doesNotContain("restart");
      assertThat(leaf.isAlive()).isTrue();
    }
  }

  @Test
  void uninstallRemovesEveryUnitItInstalledAndReloadsSystemd() throws Exception {
    assertThat(setup("--wait", "0").exitCode()).isZero();
    Path timers = Files.createDirectories(prefix.resolve("etc/systemd/system"));
    Files.writeString(timers.resolve("serviceradar-edge-sync.service"), "[Service]\n");
    Files.writeString(timers.resolve("serviceradar-edge-sync.timer"), "[Timer]\n");
    Files.delete(calls);

    Command.Result uninstall = setup("--uninstall");

    assertThat(uninstall.exitCode()).as(uninstall.output()).isZero();
    assertThat(units).isEmptyDirectory();
    assertThat(timers).isEmptyDirectory();
    assertThat(systemctlCalls())
        .isEqualTo(
            "disable --now serviceradar-edge-sync.timer\n"
                + "disable --now serviceradar-edge-sync.service\n"
                + "disable --now serviceradar-nats-leaf.service\n"
                + "daemon-reload\n");
    assertThat(prefix.resolve("etc/nats/nats-leaf.conf")).isRegularFile();
  }

  /** A nats-server on 127.0.0.1 at the leaf's port, as Debian's nats-server.service runs. */
  private NatsServerProcess startDistroLikeServer() throws IOException {
    Path conf = directory.resolve("nats-server.conf");
    Files.writeString(conf, "host: 127.0.0.1\nport: " + listenPort + "\n");
    return NatsServerProcess.startFromFile(conf, listenPort, null);
  }
}
