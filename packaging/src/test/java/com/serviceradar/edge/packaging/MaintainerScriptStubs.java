package com.serviceradar.edge.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-ins for the programs a maintainer script or launcher calls (useradd, systemctl, java), so
 * tests see what it would do to a system without doing it: each writes its name and arguments as
 * one line to {@code $STUB_LOG}.
 */
final class MaintainerScriptStubs {

  /** Always stubbed: the scripts call it when systemd runs here, and it must never act. */
  private static final String SYSTEMCTL = "systemctl";

  private MaintainerScriptStubs() {}

  /** Writes the stubs into {@code directory}; {@code getent} exits {@code $STUB_GETENT_EXIT}. */
  static Path create(Path directory, String... programs) throws IOException {
    Files.createDirectories(directory);
    List<String> all = new ArrayList<>(List.of(programs));
    all.add(SYSTEMCTL);
    for (String program : all) {
      Path stub = directory.resolve(program);
      Files.writeString(
          stub,
          """
          #!/bin/sh
          echo "${0##*/} $*" >>"$STUB_LOG"
          [ "${0##*/}" != getent ] || exit "${STUB_GETENT_EXIT:-0}"
          """);
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return directory;
  }

  /**
   * Runs {@code script} with dpkg's arguments, the stubs first on PATH and getent answering {@code
   * getentExit}; returns the stubs' log.
   */
  static String run(Path stubs, Path script, int getentExit, String... args) throws IOException {
    Path log = Files.createTempFile(stubs, "calls", ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                "env",
                "-i",
                "PATH=" + stubs + ":/usr/bin:/bin",
                "STUB_LOG=" + log,
                "STUB_GETENT_EXIT=" + getentExit,
                "sh",
                script.toString()));
    command.addAll(List.of(args));
    BuiltPackages.run(stubs, command.toArray(String[]::new));
    return Files.readString(log);
  }
}
