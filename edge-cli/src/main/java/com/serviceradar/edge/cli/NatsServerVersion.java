package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.NatsServerBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Doctor's check of the local nats-server's version. The leaf works from 2.9 on, which Debian 12
 * ships, so an older-than-2.10 server is a warning that says what it costs (NATS-FACTS.md), never a
 * failure.
 */
final class NatsServerVersion {

  static final String NAME = "nats-server version";

  private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

  private NatsServerVersion() {}

  static Check check(Optional<NatsServerBinary> binary) {
    if (binary.isEmpty()) {
      return Check.skip(NAME, "nats-server is not installed here (apt-get install nats-server)");
    }
    try {
      Process process =
          new ProcessBuilder(binary.get().path().toString(), "--version")
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return judge(output.strip());
    } catch (IOException e) {
      return Check.warn(NAME, "could not run nats-server --version: " + e.getMessage(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Check.warn(NAME, "interrupted running nats-server --version", "");
    }
  }

  /** Judges {@code nats-server --version}'s output, e.g. {@code nats-server: v2.9.10}. */
  static Check judge(String versionOutput) {
    Matcher version = VERSION.matcher(versionOutput);
    if (!version.find()) {
      return Check.warn(
          NAME, "cannot read a version from nats-server --version: " + versionOutput, "");
    }
    int major = Integer.parseInt(version.group(1));
    int minor = Integer.parseInt(version.group(2));
    String found = version.group(1) + "." + version.group(2) + "." + version.group(3);
    if (major > 2 || (major == 2 && minor >= 10)) {
      return Check.pass(NAME, "nats-server " + found);
    }
    return Check.warn(
        NAME,
        "nats-server "
            + found
            + " is older than 2.10: it writes the JetStream buffer to disk only every 2 minutes"
            + " (a power loss can lose up to ~2 minutes of acknowledged messages; 2.10 has"
            + " sync_interval), never prunes rotated log files (2.10 has logfile_max_num), and"
            + " before 2.10.14 a Nats-Expected-* header on an edge publish makes the hub reject"
            + " the buffered copy",
        "the leaf works as it is; for these fixes install nats-server 2.10 or newer"
            + " (https://github.com/nats-io/nats-server/releases), then restart the leaf");
  }
}
