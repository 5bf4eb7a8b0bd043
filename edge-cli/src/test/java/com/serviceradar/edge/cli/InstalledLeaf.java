package com.serviceradar.edge.cli;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.BundleFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Lays a bundle's files out under a prefix exactly as {@code setup.sh --prefix} does. */
final class InstalledLeaf {

  private InstalledLeaf() {}

  /** Returns the installed {@code <prefix>/etc/nats/nats-leaf.conf}. */
  static Path install(Bundle bundle, Path prefix) throws IOException {
    Path conf = prefix.resolve("etc/nats");
    Files.createDirectories(conf.resolve("certs"));
    Files.createDirectories(conf.resolve("creds"));
    Files.createDirectories(prefix.resolve("var/lib/nats"));
    Files.createDirectories(prefix.resolve("var/log/nats"));
    for (BundleFile file : bundle.files()) {
      Path target;
      if (file.path().startsWith("nats/certs/")) {
        target = conf.resolve("certs").resolve(file.path().substring("nats/certs/".length()));
      } else if (file.path().startsWith("creds/")) {
        target = conf.resolve(file.path());
      } else {
        continue;
      }
      Files.write(target, file.content());
      Files.setPosixFilePermissions(
          target,
          PosixFilePermissions.fromString(
              file.path().endsWith("-key.pem") || file.path().endsWith(".creds")
                  ? "rw-------"
                  : "rw-r--r--"));
    }
    Path confFile = conf.resolve("nats-leaf.conf");
    String text = bundle.file("nats/nats-leaf.conf").orElseThrow().text();
    Files.writeString(confFile, text.replace("\"/", "\"" + prefix + "/"), StandardCharsets.UTF_8);
    return confFile;
  }
}
