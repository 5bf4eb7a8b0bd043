package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.Golden;
import com.serviceradar.edge.testing.SystemdAnalyze;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncTimerTest {

  @TempDir Path dir;

  @Test
  void unitsMatchTheirGoldenFiles() {
    SyncTimer.Units units =
        SyncTimer.render("/usr/local/bin/serviceradar-edge", null, Duration.ofSeconds(60));

    Golden.assertMatches("sync-timer/" + SyncTimer.SERVICE, units.service());
    Golden.assertMatches("sync-timer/" + SyncTimer.TIMER, units.timer());
  }

  @Test
  void theLauncherPathIsQuotedAsDataForSystemd() {
    SyncTimer.Units units =
        SyncTimer.render("/opt/edge 100%/$HOME/serviceradar-edge", null, Duration.ZERO);

    assertThat(units.service())
        .contains(
            "ExecStart=\"/opt/edge 100%%/$$HOME/serviceradar-edge\" sync --watch --interval 0s"
                + " --prefix \"/\"");
  }

  /** setup.sh refuses such a prefix too; ReadWritePaths= would take a quoted $ literally. */
  @Test
  void aPrefixOfOtherThanPlainCharactersIsRefused() {
    assertThatThrownBy(
            () ->
                SyncTimer.render(
                    "/usr/bin/serviceradar-edge", Path.of("/srv/$HOME"), Duration.ZERO))
        .isInstanceOf(ExitException.class)
        .hasMessageContaining("--prefix must be a path of letters");
  }

  @Test
  void theTimerFiresAtARandomDelayOfUpToAQuarterInterval() {
    assertThat(SyncTimer.render("/usr/bin/serviceradar-edge", null, Duration.ofMinutes(2)).timer())
        .contains("OnUnitInactiveSec=120s\n")
        .contains("RandomizedDelaySec=30s\n");
  }

  /**
   * The service is judged as written for a prefix: it may write only there (before: 9.6; as root
   * with CAP_CHOWN, CAP_DAC_READ_SEARCH and CAP_KILL: 2.4). As the leaf's user with no capability
   * it scores 1.3.
   */
  @Test
  void theAgentServiceScoresOkInSystemdsSecurityReview() throws Exception {
    Path prefix = dir.resolve("edge-host");
    Path units = Files.createDirectories(dir.resolve("units"));
    Path service = units.resolve(SyncTimer.SERVICE);
    Files.writeString(
        service,
        SyncTimer.render("/usr/bin/serviceradar-edge", prefix, Duration.ofSeconds(60)).service());

    SystemdAnalyze.Security security = SystemdAnalyze.security(service);

    assertThat(security.exposure())
        .as(security.report())
        .isLessThanOrEqualTo(SystemdAnalyze.MAX_EXPOSURE);
    assertThat(Files.readString(service))
        .contains("ReadWritePaths=" + prefix + "/etc/nats\n")
        .contains("ReadWritePaths=" + prefix + "/etc/serviceradar-edge\n")
        .contains("User=nats\n")
        .contains("CapabilityBoundingSet=\n")
        .doesNotContain("MemoryDenyWriteExecute=");
  }

  @Test
  void installSyncTimerUnderAPrefixWritesBothUnitsThereAndEnablesNothing() throws Exception {
    Path prefix = dir.resolve("edge-host");
    Path launcher = Files.createFile(dir.resolve("serviceradar-edge"));
    launcher.toFile().setExecutable(true);

    CliRun.Result result =
        new CliRun(dir.resolve("home"))
            .run(
                "install",
                "--sync-timer",
                "--sync-interval",
                "2m",
                "--prefix",
                prefix.toString(),
                "--no-service",
                "--cli",
                launcher.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("Not enabling serviceradar-edge-sync.timer");
    Path units = prefix.resolve("etc/systemd/system");
    assertThat(Files.readString(units.resolve(SyncTimer.SERVICE), StandardCharsets.UTF_8))
        .contains(
            "ExecStart=\""
                + launcher
                + "\" sync --watch --interval 120s --prefix \""
                + prefix
                + "\"");
    assertThat(Files.readString(units.resolve(SyncTimer.TIMER), StandardCharsets.UTF_8))
        .contains("OnUnitInactiveSec=120s");
    Command.Result verify =
        SystemdAnalyze.verify(units.resolve(SyncTimer.SERVICE), units.resolve(SyncTimer.TIMER));
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(verify.output()).isEmpty();
  }

  @Test
  void installNeedsABundleOrTheSyncTimer() {
    CliRun cli = new CliRun(dir.resolve("home"));

    assertThat(cli.run("install").exitCode()).isEqualTo(2);
    assertThat(cli.run("install", "--sync-timer", "--sync-interval", "0").exitCode()).isEqualTo(2);
  }
}
