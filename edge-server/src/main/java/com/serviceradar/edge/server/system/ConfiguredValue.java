package com.serviceradar.edge.server.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A setting that holds either a value itself or the path of a file holding it. PEM text, JWTs and
 * nkey seeds never contain a slash outside PEM bodies, so a value with a slash that is not PEM is a
 * path.
 */
public final class ConfiguredValue {

  private ConfiguredValue() {}

  /** The value, read from the file when it names one; refuses a missing file naming the setting. */
  public static String read(String setting, String value) {
    String trimmed = value.strip();
    if (trimmed.startsWith("-----BEGIN") || !trimmed.contains("/")) {
      return trimmed;
    }
    Path file = Path.of(trimmed);
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new StartupRefusedException(
          setting + " names the file " + file + ", which cannot be read", e);
    }
  }
}
