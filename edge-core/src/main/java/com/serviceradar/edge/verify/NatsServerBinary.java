package com.serviceradar.edge.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local {@code nats-server}, found as {@code setup.sh} finds it: {@code $NATS_SERVER}, then
 * {@code PATH}, then {@code /usr/sbin}, {@code /usr/local/bin}, {@code /usr/bin}.
 */
public record NatsServerBinary(Path path) {

  /** The outcome of {@code nats-server -c FILE -t}. */
  public record ConfigTest(int exitCode, String output) {
    public boolean passed() {
      return exitCode == 0;
    }
  }

  /** The first executable found, if any. */
  public static Optional<NatsServerBinary> find() {
    List<Path> candidates = new ArrayList<>();
    String fromEnv = System.getenv("NATS_SERVER");
    if (fromEnv != null && !fromEnv.isBlank()) {
      candidates.add(Path.of(fromEnv));
    } else {
      String pathVariable = System.getenv().getOrDefault("PATH", "");
      for (String dir : pathVariable.split(":")) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, "nats-server"));
        }
      }
      candidates.add(Path.of("/usr/sbin/nats-server"));
      candidates.add(Path.of("/usr/local/bin/nats-server"));
      candidates.add(Path.of("/usr/bin/nats-server"));
    }
    return candidates.stream()
        .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
        .findFirst()
        .map(NatsServerBinary::new);
  }

  /**
   * Runs {@code nats-server -c conf -t} in {@code workingDirectory}, where it resolves relative
   * paths (NATS-FACTS.md), killing it after 20 s.
   */
  public ConfigTest test(Path conf, Path workingDirectory) throws IOException {
    Process process =
        new ProcessBuilder(path.toString(), "-c", conf.toString(), "-t")
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new ConfigTest(-1, "nats-server -t did not finish in 20 s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for nats-server -t", e);
    }
    return new ConfigTest(process.exitValue(), output.strip());
  }

  /** The last non-blank line of the output: where nats-server says what it refused. */
  public static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
