package com.serviceradar.edge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options passed on to a bundle's {@code setup.sh}, for the commands that run it. */
final class SetupOptions {

  @Option(names = "--prefix", paramLabel = "DIR", description = "Install under DIR instead of /.")
  Path prefix;

  @Option(names = "--no-service", description = "Do not install or (re)start the systemd service.")
  boolean noService;

  @Option(
      names = "--replace-distro-service",
      description =
          "When the distribution's nats-server.service holds the leaf's port, stop and disable it"
              + " (without this, setup.sh stops there with exit code 2 and changes nothing).")
  boolean replaceDistroService;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      description = "How long setup.sh waits for the upstream connection (its default: 30).")
  Integer waitSeconds;

  /** For the commands that take only a prefix and --no-service themselves. */
  static SetupOptions of(Path prefix, boolean noService) {
    SetupOptions options = new SetupOptions();
    options.prefix = prefix;
    options.noService = noService;
    return options;
  }

  /** setup.sh's command line for these options. */
  List<String> arguments() {
    List<String> arguments = new ArrayList<>();
    if (prefix != null) {
      arguments.add("--prefix");
      arguments.add(prefix.toAbsolutePath().toString());
    }
    if (noService) {
      arguments.add("--no-service");
    }
    if (replaceDistroService) {
      arguments.add("--replace-distro-service");
    }
    if (waitSeconds != null) {
      arguments.add("--wait");
      arguments.add(Integer.toString(waitSeconds));
    }
    return arguments;
  }
}
