package com.serviceradar.edge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code doctor}: numbered checks of an installed leaf, each with a fix. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the installed leaf: files and modes, certificate chain, expiry and keys, creds,"
          + " nats-server -t and its version (a warning below 2.10), DNS, TCP and TLS to the hub,"
          + " the local leaf process, who holds its listen port, and its upstream link; with an"
          + " API configured also clock skew and config drift.",
      "Exit 1 when any check fails."
    })
final class DoctorCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ApiOptions api;

  @Mixin InstalledConfigOption config;

  @Option(names = "--json", description = "Print the checks as JSON.")
  boolean json;

  DoctorCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Doctor doctor = new Doctor(config.file, api.optionalClient(context));
    return CheckReport.print("Leaf " + config.file, doctor.run(), json, context.out());
  }
}
