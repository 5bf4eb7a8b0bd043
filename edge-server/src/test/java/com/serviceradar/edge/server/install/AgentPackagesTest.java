package com.serviceradar.edge.server.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.server.system.ApiProblemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/**
 * Which agent package a request gets, without a server (InstallDownloadsTest has the HTTP side).
 */
class AgentPackagesTest {

  @TempDir Path dir;

  @Test
  void withoutEdgeAgentPackageDirNothingIsPublishedAndTheProblemSaysHowToPublish() {
    AgentPackages packages = new AgentPackages(new AgentPackageSettings(""));

    assertThatThrownBy(() -> packages.find("amd64"))
        .isInstanceOfSatisfying(
            ApiProblemException.class,
            problem -> assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND))
        .hasMessage(
            "the agent package is not published on this control plane: put"
                + " serviceradar-edge_<version>_<arch>.deb (scripts/package.sh builds it) into a"
                + " folder and set EDGE_AGENT_PACKAGE_DIR to it");
  }

  @Test
  void aMissingFolderPublishesNothingAndDoesNotTellTheCallerWhereItIsNot() {
    AgentPackages packages =
        new AgentPackages(new AgentPackageSettings(dir.resolve("absent").toString()));

    assertThatThrownBy(() -> packages.find("amd64"))
        .isInstanceOfSatisfying(
            ApiProblemException.class,
            problem -> assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND))
        .hasMessageStartingWith("no agent package for amd64 is published")
        .hasMessageNotContaining(dir.toString());
  }
}
