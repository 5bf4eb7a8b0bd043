package com.serviceradar.edge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code serviceradar-edge}; {@code serve} is handled by the launcher script. */
@Command(
    name = "serviceradar-edge",
    mixinStandardHelpOptions = true,
    versionProvider = EdgeCli.Version.class,
    description = "Registers, installs and checks ServiceRadar edge sites (NATS leaf servers).",
    footer = {
      "",
      "Run `serviceradar-edge serve` to start the control plane (handled by bin/serviceradar-edge)."
    })
public final class EdgeCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command line; tests and {@link #main} share it so they see the same parsing. */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new EdgeCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties properties = new Properties();
      try (InputStream in = EdgeCli.class.getResourceAsStream("version.properties")) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"serviceradar-edge " + properties.getProperty("version")};
    }
  }
}
