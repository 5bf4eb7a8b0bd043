package com.serviceradar.edge.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install.sh run as {@code curl -fsSL <control plane>/install.sh | sudo sh -s -- ...} runs it, on a
 * stubbed host ({@link InstallSandbox}): the steps, their order, where the token goes, and what a
 * failure says.
 */
class InstallScriptRunTest {

  private static final String TOKEN = "srj_one-time-join-token";
  private static final String AGENT_URL =
      "https://edge.example.com/downloads/serviceradar-edge-agent_amd64.deb";
  private static final String ENROLL =
      "serviceradar-edge enroll --install --replace-distro-service --api https://edge.example.com"
          + " --token-file - --output /etc/serviceradar-edge/enrolled-bundle.tar.gz";

  @TempDir Path directory;
  private InstallSandbox host;
  private Path tokenFile;

  @BeforeEach
  void freshHost() throws IOException {
    host = new InstallSandbox(directory);
    tokenFile = Files.writeString(directory.resolve("token"), TOKEN + "\n");
  }

  @Test
  void aFreshHostGetsNatsServerThenTheAgentThenEnrollsAndWaitsForTheControlPlane()
      throws Exception {
    InstallSandbox.Run run = host.run("--token-file", tokenFile.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(host.calls())
        .containsExactly(
            "dpkg --print-architecture",
            "apt-get update",
            "apt-get install -y nats-server",
            "curl " + AGENT_URL,
            "apt-get install -y <agent.deb>",
            ENROLL + " <stdin:" + TOKEN + ">",
            "serviceradar-edge sync --wait-connected 120s <stdin:>");
    assertThat(run.output())
        .containsSubsequence(
            "==> Checking this host",
            "==> nats-server",
            "==> The serviceradar-edge agent",
            "Downloading " + AGENT_URL,
            "==> Enrolling with the control plane",
            "==> Waiting until the control plane reports the leaf connected",
            "==> Done: this host's leaf is connected to https://edge.example.com.")
        .doesNotContain(TOKEN);
  }

  @Test
  void aTokenOnTheCommandLineStillReachesTheAgentOnlyThroughStandardInput() throws Exception {
    InstallSandbox.Run run =
        host.run("--token", TOKEN, "--keep-distro-service", "--api", "http://cp.lan:8080/");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(host.calls())
        .contains(
            "curl http://cp.lan:8080/downloads/serviceradar-edge-agent_amd64.deb",
            "serviceradar-edge enroll --install --api http://cp.lan:8080 --token-file -"
                + " --output /etc/serviceradar-edge/enrolled-bundle.tar.gz <stdin:"
                + TOKEN
                + ">");
    assertThat(host.calls())
        .filteredOn(call -> call.startsWith("serviceradar-edge"))
        .allMatch(call -> !call.substring(0, call.indexOf(" <stdin:")).contains(TOKEN));
  }

  @Test
  void notRootIsRefusedWithExitCodeTwoBeforeAnythingIsInstalled() throws Exception {
    InstallSandbox.Run run =
        host.with("STUB_UID", "1000").run("--token-file", tokenFile.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("install.sh: run it as root: curl -fsSL");
    assertThat(host.calls()).isEmpty();
  }

  @Test
  void aHostWithoutAptIsRefusedWithExitCodeTwo() throws Exception {
    InstallSandbox.Run run =
        host.without("apt-get").without("dpkg").run("--token-file", tokenFile.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output())
        .contains("install.sh: this script needs Debian or Ubuntu (apt-get and dpkg).");
    assertThat(host.calls()).isEmpty();
  }

  @Test
  void anUnpublishedAgentPackageStopsWithTheControlPlanesExplanation() throws Exception {
    InstallSandbox.Run run =
        host.with("STUB_HTTP_STATUS", "404").run("--token-file", tokenFile.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output())
        .contains("install.sh: the control plane answered HTTP 404 for " + AGENT_URL + ":")
        .contains("  the agent package is not published here");
    assertThat(host.calls()).noneMatch(call -> call.startsWith("serviceradar-edge"));
  }

  @Test
  void aDownloadThatIsNotADebianPackageIsNeverInstalled() throws Exception {
    InstallSandbox.Run run =
        host.downloadServes("<html>captive portal</html>")
            .run("--token-file", tokenFile.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.output()).contains(AGENT_URL + " is not a Debian package");
    assertThat(host.calls()).doesNotContain("apt-get install -y <agent.deb>");
  }

  @Test
  void aRunAfterAFailedInstallGoesOnWithoutTheSpentToken() throws Exception {
    InstallSandbox.Run failed =
        host.with("STUB_ENROLL_FAILS", "yes").run("--token-file", tokenFile.toString());
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.output()).contains("once enrolled, it goes on without the token");
    Files.writeString(directory.resolve("calls"), "");

    InstallSandbox.Run again = host.with("STUB_ENROLL_FAILS", "").run();

    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(host.calls())
        .containsExactly(
            "dpkg --print-architecture",
            "curl " + AGENT_URL,
            "apt-get install -y <agent.deb>",
            "serviceradar-edge install --replace-distro-service"
                + " /etc/serviceradar-edge/enrolled-bundle.tar.gz <stdin:>",
            "serviceradar-edge sync --wait-connected 120s <stdin:>");
    assertThat(again.output()).contains("Already enrolled (/etc/serviceradar-edge/agent.json)");
    assertThat(host.etc().resolve("serviceradar-edge/enrolled-bundle.tar.gz")).doesNotExist();
  }

  @Test
  void aLeafTheControlPlaneDoesNotSeeConnectedFailsWithWhatToDoNext() throws Exception {
    InstallSandbox.Run run =
        host.with("STUB_SYNC_EXIT", "1").run("--token-file", tokenFile.toString(), "--wait", "5");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(host.calls()).contains("serviceradar-edge sync --wait-connected 5s <stdin:>");
    assertThat(run.output())
        .contains("the control plane does not report it connected:")
        .contains("run serviceradar-edge doctor, then this script again");
  }

  @Test
  void wrongUsageIsExitCodeTwoAndInstallsNothing() throws Exception {
    assertThat(host.run().output()).contains("give the join token with --token-file FILE");
    assertThat(host.run("--token", TOKEN, "--token-file", tokenFile.toString()).exitCode())
        .isEqualTo(2);
    assertThat(host.run("--token", "sre_api-token").output())
        .contains("the token must be a join token (srj_...)");
    assertThat(host.run("--token-file", directory.resolve("absent").toString()).exitCode())
        .isEqualTo(2);
    assertThat(host.run("--api", "edge.example.com", "--token", TOKEN).exitCode()).isEqualTo(2);
    assertThat(host.calls()).doesNotContain("apt-get update");
  }
}
