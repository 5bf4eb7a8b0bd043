package com.serviceradar.edge.cli;

import com.serviceradar.edge.bundle.EdgeSiteBundle;
import com.serviceradar.edge.verify.BundleArchive;
import com.serviceradar.edge.verify.InvalidBundleException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code install}: extracts a bundle and runs its own {@code setup.sh}, so that there is one
 * installer, tested once; its output is streamed and its exit code returned.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description = {
      "Extracts BUNDLE into a temporary folder and runs its setup.sh (installs under / with the"
          + " systemd service by default).",
      "With --sync-timer (BUNDLE optional) it also writes serviceradar-edge-sync.service and"
          + " .timer, which run serviceradar-edge sync, and enables the timer unless --no-service.",
      "Exit code: setup.sh's (0 installed, 1 failed, 2 usage or the leaf's port held by another"
          + " process: see --replace-distro-service)."
    })
final class InstallCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(
      paramLabel = "BUNDLE",
      arity = "0..1",
      description = "The bundle (edge-site-<id>.tar.gz); optional with --sync-timer.")
  Path bundle;

  @Option(
      names = "--sync-timer",
      description =
          "Install the systemd timer that runs serviceradar-edge sync (under --prefix when given).")
  boolean syncTimer;

  @Option(
      names = "--sync-interval",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "How often the timer syncs (default 60s).")
  String syncInterval;

  @Option(
      names = "--cli",
      paramLabel = "PATH",
      description = "The serviceradar-edge the timer runs (default: the one on PATH).")
  Path cli;

  @Mixin SetupOptions setup;

  @Option(
      names = "--json",
      description =
          "Print one JSON object (exit code, setup.sh's output lines, units written) instead of"
              + " the output as it comes.")
  boolean json;

  InstallCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (bundle == null && !syncTimer) {
      throw ExitException.usage("give a BUNDLE to install, or --sync-timer");
    }
    Duration interval = ProvisionCommand.duration("--sync-interval", syncInterval);
    if (syncTimer && interval.toSeconds() < 1) {
      throw ExitException.usage("--sync-interval must be at least 1s");
    }
    List<String> output = new ArrayList<>();
    Consumer<String> print = json ? output::add : this::println;
    List<Path> units = List.of();
    int code = 0;
    if (bundle != null) {
      code = install(print, BundleCommand.Verify.read(bundle), setup);
    }
    if (code == 0 && syncTimer) {
      units =
          SyncTimer.write(
              SyncTimer.unitDirectory(setup.prefix, context.env()),
              SyncTimer.render(cliPath(), setup.prefix, interval));
      units.forEach(unit -> print.accept("Wrote " + unit));
      if (setup.noService) {
        print.accept("Not enabling " + SyncTimer.TIMER + " (--no-service).");
      } else {
        SyncTimer.handOver(setup.prefix);
        SyncTimer.enable();
        print.accept(
            "Enabled and started the site agent, "
                + SyncTimer.SERVICE
                + " (as "
                + EdgeSiteBundle.SERVICE_USER
                + "), and "
                + SyncTimer.TIMER
                + ".");
      }
    }
    if (json) {
      context
          .out()
          .println(
              Json.object(
                      "installed",
                      code == 0,
                      "exitCode",
                      code,
                      "output",
                      output,
                      "units",
                      units.stream().map(Path::toString).toList())
                  .toJson());
    }
    return code;
  }

  private void println(String line) {
    context.out().println(line);
    context.out().flush();
  }

  /** The serviceradar-edge launcher the timer runs: --cli, else the first one on PATH. */
  private String cliPath() {
    if (cli != null) {
      return cli.toAbsolutePath().toString();
    }
    for (String dir : context.env().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "serviceradar-edge");
      if (candidate.isAbsolute() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw ExitException.usage(
        "serviceradar-edge is not on PATH: give the launcher's path with --cli");
  }

  /**
   * Extracts the bundle and runs its setup.sh with the options, passing on each line it prints;
   * returns its exit code.
   */
  static int install(Consumer<String> output, byte[] tarGz, SetupOptions setup) {
    BundleArchive archive;
    try {
      archive = BundleArchive.read(tarGz);
    } catch (InvalidBundleException e) {
      throw ExitException.failure(
          "not a bundle: "
              + e.getMessage()
              + " — download it again (serviceradar-edge bundle download SITE)");
    }
    if (!archive.files().containsKey("setup.sh")) {
      throw ExitException.failure("the bundle has no setup.sh: download it again");
    }
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("serviceradar-edge-install-");
      Path folder = extract(archive, scratch);
      List<String> command = new ArrayList<>(List.of("sh", "./setup.sh"));
      command.addAll(setup.arguments());
      return run(command, folder, output);
    } catch (IOException e) {
      throw ExitException.failure(
          "cannot extract the bundle: " + e.getMessage() + " (check TMPDIR)");
    } finally {
      delete(scratch);
    }
  }

  /** Writes every file with its mode under {@code directory/<top folder>}. */
  static Path extract(BundleArchive archive, Path directory) throws IOException {
    Path folder = directory.resolve(archive.topFolder());
    Files.createDirectories(folder);
    for (Map.Entry<String, byte[]> file : archive.files().entrySet()) {
      Path target = folder.resolve(file.getKey()).normalize();
      if (!target.startsWith(folder)) {
        throw new IOException(file.getKey() + " leaves the bundle's folder");
      }
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
      Files.setPosixFilePermissions(target, permissions(archive.modes().get(file.getKey())));
    }
    return folder;
  }

  private static int run(List<String> command, Path directory, Consumer<String> output)
      throws IOException {
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.accept(line);
      }
    }
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw ExitException.failure("interrupted: setup.sh was stopped");
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  private static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a scratch folder under the temporary directory; the system cleans it eventually
    }
  }
}
