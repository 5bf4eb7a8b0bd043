package com.serviceradar.edge.cli;

import com.serviceradar.edge.digest.Digests;
import com.serviceradar.edge.verify.BundleArchive;
import com.serviceradar.edge.verify.BundleVerifier;
import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.NatsServerBinary;
import java.time.Instant;
import java.util.List;

/**
 * Verify before install: a bundle that fails a check is never handed to {@code setup.sh}, so a bad
 * download leaves the installed files as they were.
 */
final class VerifiedInstall {

  private VerifiedInstall() {}

  /** Runs every offline check; returns how many passed, or fails listing them on stderr. */
  static int verify(CliContext context, byte[] tarGz, String label) {
    List<Check> checks = BundleVerifier.verify(tarGz, Instant.now(), NatsServerBinary.find());
    if (checks.stream().anyMatch(Check::failed)) {
      CheckReport.print(label, checks, false, context.err());
      throw ExitException.failure(label + " failed verification (above): nothing was installed");
    }
    return checks.size();
  }

  /** Runs the bundle's setup.sh; fails with its exit code unless it installed. */
  static void install(CliContext context, byte[] tarGz, SetupOptions setup) {
    int code =
        InstallCommand.install(
            line -> {
              context.out().println(line);
              context.out().flush();
            },
            tarGz,
            setup);
    if (code != 0) {
      throw new ExitException(
          code, "setup.sh failed with exit code " + code + " (its output is above)");
    }
  }

  /** The bundle's checksum (SHA-256 of its MANIFEST.sha256): the site's configChecksum. */
  static String checksum(byte[] tarGz) {
    return Digests.sha256Hex(BundleArchive.read(tarGz).files().get("MANIFEST.sha256"));
  }
}
