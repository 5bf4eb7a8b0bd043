package com.serviceradar.edge.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use from its surroundings: where to print, the environment and standard input
 * (for {@code --token-file -}). Tests pass their own, so they run commands in-process exactly as
 * {@code main} does.
 */
record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, InputStream in) {

  CliContext {
    env = Map.copyOf(env);
  }

  /** This context with standard output sent to standard error, for progress beside --json. */
  CliContext progressOnErr() {
    return new CliContext(err, err, env, in);
  }

  /** {@code $XDG_CONFIG_HOME/serviceradar-edge}, or {@code ~/.config/serviceradar-edge}. */
  Path configDirectory() {
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
    return base.resolve("serviceradar-edge");
  }
}
