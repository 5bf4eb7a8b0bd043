package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code config.json} under {@link CliContext#configDirectory()}: the API URL and token saved by
 * {@code login}. The folder is 0700 and the file 0600: the token is a secret.
 */
record CliConfig(String api, String token) {

  static final String FILE = "config.json";

  static Optional<CliConfig> load(CliContext context) {
    Path file = context.configDirectory().resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonValue json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      return Optional.of(
          new CliConfig(Json.text(json, "api", null), Json.text(json, "token", null)));
    } catch (IOException | ExitException e) {
      throw ExitException.failure(
          "cannot read " + file + ": run serviceradar-edge login again to rewrite it");
    }
  }

  /** Writes the file atomically, created 0600 inside a 0700 folder. */
  Path save(CliContext context) {
    return SecretFile.write(
        context.configDirectory().resolve(FILE),
        Json.object("api", api, "token", token).toJson() + "\n");
  }
}
