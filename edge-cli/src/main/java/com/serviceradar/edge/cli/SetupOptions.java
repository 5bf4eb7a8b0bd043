package com.serviceradar.edge.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options passed on to a bundle's {@code setup.sh}, for the commands that run it. */
final class SetupOptions {

  @Option(names = "--prefix", paramLabel = "DIR", description = "Install under DIR instead of /.")
  Path prefix;

  @Option(names = "--no-service", description = "Do not install or (re)start the systemd service.")
  boolean noService;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      description = "How long setup.sh waits for the upstream connection (its default: 30).")
  Integer waitSeconds;
}
