package com.serviceradar.edge.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config}: the installed nats-leaf.conf, by default where setup.sh puts it. */
final class InstalledConfigOption {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      defaultValue = "/etc/nats/nats-leaf.conf",
      description = "The installed nats-leaf.conf (default: ${DEFAULT-VALUE}).")
  Path file;
}
