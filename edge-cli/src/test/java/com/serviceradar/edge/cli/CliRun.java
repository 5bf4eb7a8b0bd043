package com.serviceradar.edge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the CLI in-process through the same command line as {@code main}, with its own config home.
 */
final class CliRun {

  private final Path configHome;

  CliRun(Path configHome) {
    this.configHome = configHome;
  }

  record Result(int exitCode, String out, String err) {
    String all() {
      return out + err;
    }
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        EdgeCli.execute(
            new CliContext(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Map.of("XDG_CONFIG_HOME", configHome.toString(), "HOME", configHome.toString())),
            args);
    return new Result(code, out.toString(), err.toString());
  }
}
