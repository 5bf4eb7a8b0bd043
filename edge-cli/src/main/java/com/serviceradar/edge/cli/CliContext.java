package com.serviceradar.edge.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use from its surroundings: where to print and the environment. Tests pass
 * their own, so they run commands in-process exactly as {@code main} does.
 */
record CliContext(PrintWriter out, PrintWriter err, Map<String, String> env) {

  CliContext {
    env = Map.copyOf(env);
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
