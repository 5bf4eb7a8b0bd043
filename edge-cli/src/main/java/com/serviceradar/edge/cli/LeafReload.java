package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.LeafConf;
import com.serviceradar.edge.verify.NatsServerBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies a newly installed configuration to the running leaf without restarting it: {@code
 * nats-server --signal reload=<pid>}, then waits until {@code /varz} shows a later {@code
 * config_load_time}, because the signal exits 0 even when the reload failed (NATS-FACTS.md). A
 * reload applies new preloaded account JWTs, so a revoked collector is cut at once.
 */
final class LeafReload {

  private static final Duration POLL = Duration.ofMillis(100);

  /** A confirmed reload: which process, and its new {@code config_load_time}. */
  record Reloaded(long pid, String configLoadTime) {}

  private LeafReload() {}

  /**
   * Finds the leaf running {@code confFile} and reloads it; see {@link #reload(long, int,
   * Duration)}.
   */
  static Reloaded reload(Path confFile, Duration timeout) {
    int port =
        monitoringPort(confFile)
            .orElseThrow(
                () ->
                    ExitException.failure(
                        confFile
                            + " has no http monitoring port to confirm a reload: reinstall the"
                            + " site"));
    long pid =
        runningLeaf(confFile)
            .orElseThrow(
                () ->
                    ExitException.failure(
                        "no nats-server runs with "
                            + confFile
                            + ": the new configuration is installed; start the leaf"
                            + " (systemctl start serviceradar-nats-leaf)"));
    return reload(pid, port, timeout);
  }

  /**
   * Signals nats-server {@code pid} to reload and waits until its {@code /varz} on the monitoring
   * {@code port} shows a later {@code config_load_time}; a failure says the reload did not take.
   */
  static Reloaded reload(long pid, int port, Duration timeout) {
    String before =
        configLoadTime(port)
            .orElseThrow(
                () ->
                    ExitException.failure(
                        "nats-server "
                            + pid
                            + " does not answer on http://127.0.0.1:"
                            + port
                            + "/varz: check that it runs and has that monitoring port"));
    signalReload(pid);
    Instant deadline = Instant.now().plus(timeout);
    do {
      Optional<String> now = configLoadTime(port);
      if (now.isPresent() && !now.get().equals(before)) {
        return new Reloaded(pid, now.get());
      }
      sleep();
    } while (Instant.now().isBefore(deadline));
    throw ExitException.failure(
        "nats-server "
            + pid
            + " did not take the new configuration (config_load_time still "
            + before
            + " after "
            + timeout.toSeconds()
            + " s): read its log, fix the cause, then try again");
  }

  /**
   * Whether {@code pid} is a running nats-server: a reload signal must never reach another program.
   */
  static boolean isNatsServer(long pid) {
    return ProcessHandle.of(pid)
        .map(ProcessHandle::info)
        .filter(LeafReload::isNatsServer)
        .isPresent();
  }

  private static boolean isNatsServer(ProcessHandle.Info info) {
    return info.command().filter(command -> command.endsWith("nats-server")).isPresent();
  }

  /** The nats-server process started with {@code -c confFile} (by absolute path). */
  static Optional<Long> runningLeaf(Path confFile) {
    Path wanted = real(confFile);
    return ProcessHandle.allProcesses()
        .filter(process -> isLeafOf(process.info(), wanted))
        .map(ProcessHandle::pid)
        .findFirst();
  }

  private static boolean isLeafOf(ProcessHandle.Info info, Path wanted) {
    if (!isNatsServer(info)) {
      return false;
    }
    List<String> args = List.of(info.arguments().orElse(new String[0]));
    for (int i = 0; i + 1 < args.size(); i++) {
      String flag = args.get(i);
      if ((flag.equals("-c") || flag.equals("--config"))
          && args.get(i + 1).startsWith("/")
          && real(Path.of(args.get(i + 1))).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Integer> monitoringPort(Path confFile) {
    try {
      return LeafConf.parse(Files.readString(confFile, StandardCharsets.UTF_8)).monitoringPort();
    } catch (IOException e) {
      throw ExitException.failure("cannot read " + confFile + ": " + e.getMessage());
    }
  }

  private static Optional<String> configLoadTime(int port) {
    return LocalMonitoring.monitoring(port, "varz")
        .map(varz -> Json.text(varz, "config_load_time", null))
        .filter(text -> !text.isBlank());
  }

  private static void signalReload(long pid) {
    NatsServerBinary binary =
        NatsServerBinary.find()
            .orElseThrow(
                () ->
                    ExitException.failure(
                        "nats-server was not found to signal the reload: put it on PATH"));
    try {
      Process process =
          new ProcessBuilder(binary.path().toString(), "--signal", "reload=" + pid)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw ExitException.failure(
            "nats-server --signal reload=" + pid + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw ExitException.failure("cannot run " + binary.path() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ExitException.failure("interrupted while reloading nats-server " + pid);
    }
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ExitException.failure("interrupted while waiting for nats-server to reload");
    }
  }
}
