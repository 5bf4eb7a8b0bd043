package com.serviceradar.edge.packaging;

import com.serviceradar.edge.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The artifacts build-packages.sh made in the package phase, where failsafe says they are, and the
 * programs that read them.
 */
final class BuiltPackages {

  /** The Maven version, e.g. 0.1.0-SNAPSHOT. */
  static final String VERSION = System.getProperty("packages.version");

  /** The Debian version: "~" sorts before the release, where "-" would start a revision. */
  static final String DEB_VERSION = VERSION.replace('-', '~');

  private static final Path DIRECTORY = Path.of(System.getProperty("packages.directory"));

  private BuiltPackages() {}

  static Path file(String name) {
    Path file = DIRECTORY.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " was not built: run mvn verify (build-packages.sh)");
    }
    return file;
  }

  /** Runs a program in {@code directory}; fails the test unless it exits 0. Returns its output. */
  static String run(Path directory, String... command) {
    Command.Result result = Command.run(directory, List.of(command));
    if (result.exitCode() != 0) {
      throw new AssertionError(
          String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output());
    }
    return result.output();
  }

  /** {@code dpkg-deb -f}: one field of the package's control file. */
  static String field(Path deb, String name) {
    return run(deb.getParent(), "dpkg-deb", "-f", deb.toString(), name).strip();
  }

  /**
   * Unpacks the package's files into {@code root/files} and its control files into {@code
   * root/DEBIAN}.
   */
  static void unpack(Path deb, Path root) {
    run(root, "dpkg-deb", "-x", deb.toString(), root.resolve("files").toString());
    run(root, "dpkg-deb", "-e", deb.toString(), root.resolve("DEBIAN").toString());
  }

  /**
   * A folder holding only links to these programs, found on this machine's PATH: a PATH with no JDK
   * on it. Programs not installed here are left out.
   */
  static Path pathWithOnly(Path directory, String... programs) throws IOException {
    Files.createDirectories(directory);
    for (String program : programs) {
      Optional<Path> found = onPath(program);
      if (found.isPresent()) {
        Files.createSymbolicLink(directory.resolve(program), found.get());
      }
    }
    return directory;
  }

  static Optional<Path> onPath(String program) {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(dir.isEmpty() ? "." : dir, program));
    }
    Stream.of("/usr/sbin", "/sbin").map(dir -> Path.of(dir, program)).forEach(candidates::add);
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
