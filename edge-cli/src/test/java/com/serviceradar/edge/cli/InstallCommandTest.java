package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.testing.TestSite;
import io.nats.client.support.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code install} runs the bundle's own setup.sh; here under a prefix without the service. */
class InstallCommandTest {

  @TempDir Path dir;

  private final TestSite site = new TestSite();
  private final Bundle bundle = site.bundle(site.config(17422, 14222, 18222));

  @Test
  void installWithJsonPrintsOneObjectWithSetupsOutput() throws Exception {
    Path file = dir.resolve(bundle.fileName());
    Files.write(file, bundle.toTarGz());
    Path prefix = dir.resolve("edge-host");

    CliRun.Result result =
        new CliRun(dir)
            .run(
                "install",
                file.toString(),
                "--prefix",
                prefix.toString(),
                "--no-service",
                "--json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    JsonValue report = Json.parse(result.out().strip());
    assertThat(Json.text(report, "installed", "")).isEqualTo("true");
    assertThat(Json.text(report, "exitCode", "")).isEqualTo("0");
    assertThat(Json.array(Json.at(report, "output"))).isNotEmpty();
    assertThat(prefix.resolve("etc/nats/nats-leaf.conf")).isRegularFile();
  }

  @Test
  void replaceDistroServiceIsPassedOnToSetup() {
    CliRun.Result help = new CliRun(dir).run("install", "--help");
    SetupOptions options = SetupOptions.of(Path.of("/srv/edge"), false);
    options.replaceDistroService = true;
    options.waitSeconds = 5;

    assertThat(help.out()).contains("--replace-distro-service");
    assertThat(options.arguments())
        .containsExactly("--prefix", "/srv/edge", "--replace-distro-service", "--wait", "5");
  }

  @Test
  void aBrokenBundleFailsWithExitOneAndNothingInstalled() throws Exception {
    Path file = dir.resolve("broken.tar.gz");
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 0, 1, 2, 3});
    Path prefix = dir.resolve("edge-host");

    CliRun.Result result =
        new CliRun(dir).run("install", file.toString(), "--prefix", prefix.toString(), "--json");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("not a bundle").doesNotContain("Exception");
    assertThat(prefix).doesNotExist();
  }
}
