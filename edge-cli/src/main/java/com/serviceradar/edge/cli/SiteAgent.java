package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@code sync} needs on an edge host, written by {@code enroll} and {@code provision
 * --install}: {@code <prefix>/etc/serviceradar-edge/agent.json} (0600, in a 0700 folder) with the
 * control plane's URL, the site and its {@code site_agent} token; and next to it {@code
 * installed-checksum}, the {@code configChecksum} of the configuration installed last.
 *
 * @param hostKeys whether the host holds the site's keys (it enrolled): then sync fetches the
 *     configuration without keys and keeps its own
 */
record SiteAgent(String api, UUID siteId, String token, boolean hostKeys) {

  static final String FILE = "agent.json";
  static final String INSTALLED_CHECKSUM = "installed-checksum";

  @Override
  public String toString() {
    return "SiteAgent[" + api + ", site " + siteId + "]";
  }

  /** {@code <prefix>/etc/serviceradar-edge}, {@code /etc/serviceradar-edge} without a prefix. */
  static Path directory(Path prefix) {
    Path root = prefix == null ? Path.of("/") : prefix.toAbsolutePath();
    return root.resolve("etc/serviceradar-edge");
  }

  static SiteAgent load(Path prefix) {
    Path file = directory(prefix).resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw ExitException.usage(
          "no site agent token at "
              + file
              + ": run serviceradar-edge enroll --token T (or provision --install) on this host"
              + (prefix == null ? "" : " with the same --prefix"));
    }
    try {
      JsonValue json = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      return new SiteAgent(
          Json.text(json, "api", null),
          UUID.fromString(Json.text(json, "siteId", "")),
          Json.text(json, "token", null),
          Boolean.parseBoolean(Json.text(json, "hostKeys", "false")));
    } catch (IOException | ExitException | IllegalArgumentException e) {
      throw ExitException.failure(
          "cannot read " + file + ": enroll again, or create a new agent token for the site");
    }
  }

  Path save(Path prefix) {
    return SecretFile.write(
        directory(prefix).resolve(FILE),
        Json.object(
                    "api", api,
                    "siteId", siteId.toString(),
                    "token", token,
                    "hostKeys", hostKeys)
                .toJson()
            + "\n");
  }

  ApiClient client() {
    return new ApiClient(api, token);
  }

  static Optional<String> installedChecksum(Path prefix) {
    Path file = directory(prefix).resolve(INSTALLED_CHECKSUM);
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Records the checksum of what was just installed (not a secret), replacing it atomically. */
  static void recordInstalled(Path prefix, String checksum) {
    Path file = directory(prefix).resolve(INSTALLED_CHECKSUM);
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(INSTALLED_CHECKSUM + ".new");
      Files.writeString(temporary, checksum + "\n", StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw ExitException.failure("cannot write " + file + ": " + e.getMessage());
    }
  }
}
