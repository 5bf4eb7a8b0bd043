package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.testing.Golden;
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
  void pathsAreQuotedAsDataForSystemd() {
    SyncTimer.Units units =
        SyncTimer.render("/opt/edge 100%/serviceradar-edge", Path.of("/srv/$HOME"), Duration.ZERO);

    assertThat(units.service())
        .contains("ExecStart=\"/opt/edge 100%%/serviceradar-edge\" sync --prefix \"/srv/$$HOME\"");
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
        .contains("ExecStart=\"" + launcher + "\" sync --prefix \"" + prefix + "\"");
    assertThat(Files.readString(units.resolve(SyncTimer.TIMER), StandardCharsets.UTF_8))
        .contains("OnUnitInactiveSec=120s");
    Process verify =
        new ProcessBuilder(
                "systemd-analyze",
                "verify",
                units.resolve(SyncTimer.SERVICE).toString(),
                units.resolve(SyncTimer.TIMER).toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.waitFor()).as(output).isZero();
  }

  @Test
  void installNeedsABundleOrTheSyncTimer() {
    CliRun cli = new CliRun(dir.resolve("home"));

    assertThat(cli.run("install").exitCode()).isEqualTo(2);
    assertThat(cli.run("install", "--sync-timer", "--sync-interval", "0").exitCode()).isEqualTo(2);
  }
}
