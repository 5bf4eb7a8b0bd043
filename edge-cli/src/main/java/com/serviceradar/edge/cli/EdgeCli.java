package com.serviceradar.edge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.Properties;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** Entry point of {@code serviceradar-edge}; {@code serve} is handled by the launcher script. */
@Command(
    name = "serviceradar-edge",
    mixinStandardHelpOptions = true,
    versionProvider = EdgeCli.Version.class,
    description = "Registers, installs and checks ServiceRadar edge sites (NATS leaf servers).",
    subcommands = {
      LoginCommand.class,
      SitesCommand.class,
      CollectorsCommand.class,
      BundleCommand.class,
      InstallCommand.class,
      ProvisionCommand.class,
      DoctorCommand.class,
      RenewCommand.class,
      StatusCommand.class,
      EnrollCommand.class,
      SyncCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 failure (or a failed check), 2 usage error.",
      "Run `serviceradar-edge serve` to start the control plane (handled by bin/serviceradar-edge)."
    })
public final class EdgeCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-x", "--debug"},
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  public static void main(String[] args) {
    System.exit(
        execute(
            new CliContext(
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                System.getenv(),
                System.in),
            args));
  }

  /** Runs one command line; tests and {@link #main} share it so they see the same parsing. */
  static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(new CliContext(out, err, System.getenv(), System.in), args);
  }

  /** Runs one command line in the given context (output, environment, standard input). */
  static int execute(CliContext context, String... args) {
    return commandLine(context).execute(args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(EdgeCli.class, new Factory(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setExecutionExceptionHandler(EdgeCli::handle);
    // picocli hides its completion command; ours is documented (bash and zsh, via bashcompinit).
    commandLine
        .getSubcommands()
        .get("generate-completion")
        .getCommandSpec()
        .usageMessage()
        .hidden(false);
    return commandLine;
  }

  private static int handle(Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (debugRequested(parseResult)) {
      e.printStackTrace(err);
    }
    if (e instanceof ExitException exit) {
      err.println("serviceradar-edge: " + exit.getMessage());
      err.flush();
      return exit.exitCode();
    }
    err.println(
        "serviceradar-edge: unexpected error: "
            + e
            + " (run again with -x for the stack trace, and report it)");
    err.flush();
    return ExitException.FAILURE;
  }

  private static boolean debugRequested(ParseResult parseResult) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Creates commands, handing the {@link CliContext} to those whose constructor takes it. */
  private record Factory(CliContext context) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (constructor.getParameterCount() == 1
            && constructor.getParameterTypes()[0] == CliContext.class) {
          constructor.setAccessible(true);
          return type.cast(constructor.newInstance(context));
        }
      }
      return CommandLine.defaultFactory().create(type);
    }
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
