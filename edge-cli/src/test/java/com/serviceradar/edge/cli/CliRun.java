package com.serviceradar.edge.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
    return runWithInput("", args);
  }

  /** Runs the command with {@code stdin} as its standard input. */
  Result runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code = EdgeCli.execute(context(out, err, in), args);
    return new Result(code, out.toString(), err.toString());
  }

  /**
   * Starts a command that runs until its stream ends (such as {@code status --watch}) on a daemon
   * thread; its output so far can be read at any time.
   */
  Background start(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream in = InputStream.nullInputStream();
    Thread thread =
        new Thread(() -> EdgeCli.execute(context(out, err, in), args), "cli-background");
    thread.setDaemon(true);
    thread.start();
    return new Background(out, err);
  }

  /** A command still running: {@code out()} is what it printed so far. */
  record Background(StringWriter outWriter, StringWriter errWriter) {
    String out() {
      return outWriter.toString();
    }

    String err() {
      return errWriter.toString();
    }
  }

  private CliContext context(StringWriter out, StringWriter err, InputStream in) {
    return new CliContext(
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        Map.of("XDG_CONFIG_HOME", configHome.toString(), "HOME", configHome.toString()),
        in);
  }
}
