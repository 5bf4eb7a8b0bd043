package com.serviceradar.edge.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.Golden;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh as the control plane renders it: its exact text, and its URL kept as data. */
class InstallScriptTest {

  @TempDir Path directory;

  @Test
  void theScriptForAControlPlaneMatchesTheGoldenFile() {
    Golden.assertMatches(
        "install/install.sh", InstallScript.render(URI.create("https://edge.example.com/")));
  }

  @Test
  void aUrlWithShellSyntaxInItStaysTextInTheScript() throws IOException {
    String hostile = "https://edge.example.com/a'$(id)'b;c";
    Path script =
        Files.writeString(
            directory.resolve("install.sh"), InstallScript.render(URI.create(hostile)));

    Command.Result help = Command.run(directory, List.of("sh", script.toString(), "--help"));

    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output()).contains("curl -fsSL " + hostile + "/install.sh | sudo sh -s --");
    assertThat(help.output()).doesNotContain("uid=");
  }

  @Test
  void onlyAnHttpOrHttpsUrlWithAHostMakesAScript() {
    for (String url :
        List.of("ftp://edge.example.com", "https:///path", "https://u@edge.example.com", "/x")) {
      assertThatThrownBy(() -> InstallScript.render(URI.create(url)))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be http(s)://host");
    }
  }

  @Test
  void theScriptDownloadsTheAgentFromThePathTheControlPlaneServes() {
    assertThat(InstallScript.render(URI.create("https://edge.example.com")))
        .contains(
            "$api" + InstallScript.AGENT_PACKAGE_PATH.replace("{arch}", "$architecture") + "\n");
  }
}
