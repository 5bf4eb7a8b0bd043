package com.serviceradar.edge.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's {@code openssl} in a directory and captures its output. */
final class Openssl {

  record Result(int exitCode, String output) {}

  private Openssl() {}

  static Result run(Path directory, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl did not finish: " + command);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running openssl", e);
    }
  }

  static String succeed(Path directory, String... arguments) {
    Result result = run(directory, arguments);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "openssl " + String.join(" ", arguments) + " failed:\n" + result.output());
    }
    return result.output();
  }
}
