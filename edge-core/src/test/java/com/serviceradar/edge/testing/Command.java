package com.serviceradar.edge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real program (sh, tar, sha256sum) and captures its exit code and output. */
public final class Command {

  private Command() {}

  /** The outcome: exit code and stdout and stderr together. */
  public record Result(int exitCode, String output) {}

  public static Result run(Path directory, List<String> command) {
    return run(directory, Map.of(), command);
  }

  /**
   * Runs {@code command} in {@code directory} with extra environment variables; kills it after 60
   * s.
   */
  public static Result run(Path directory, Map<String, String> environment, List<String> command) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish: " + output);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
