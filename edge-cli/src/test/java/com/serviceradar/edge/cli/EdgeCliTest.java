package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class EdgeCliTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return EdgeCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void helpDescribesTheToolAndExitsZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: serviceradar-edge").contains("--version");
  }

  @Test
  void versionPrintsTheProjectVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).matches("serviceradar-edge \\d+\\.\\d+\\.\\d+.*\\s*");
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCodeTwo() {
    assertThat(run("--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option");
  }

  @Test
  void generateCompletionPrintsABashCompletionScriptForEveryCommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("generate-completion");
    out.getBuffer().setLength(0);

    assertThat(run("generate-completion")).isZero();
    assertThat(out.toString())
        .contains("complete -F _complete_serviceradar-edge")
        .contains("enroll")
        .contains("sync")
        .contains("--token-file");
  }
}
