package com.serviceradar.edge.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.testing.Command;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

  private static final List<BundleFile> FILES =
      List.of(
          BundleFile.text("setup.sh", "#!/bin/sh\n", FileMode.EXECUTABLE),
          BundleFile.text("nats/certs/key.pem", "secret", FileMode.SECRET),
          BundleFile.text("README.md", "read me", FileMode.REGULAR));

  @TempDir Path directory;

  @Test
  void entriesAreSortedFoldersFirstWithFixedTimeRootOwnerAndExplicitModes() throws IOException {
    List<TarArchiveEntry> entries = entries(TarGz.write("top", FILES));

    assertThat(entries)
        .extracting(TarArchiveEntry::getName)
        .containsExactly(
            "top/",
            "top/README.md",
            "top/nats/",
            "top/nats/certs/",
            "top/nats/certs/key.pem",
            "top/setup.sh");
    assertThat(entries)
        .extracting(entry -> Integer.toOctalString(entry.getMode() & 07777))
        .containsExactly("755", "644", "755", "755", "600", "755");
    for (TarArchiveEntry entry : entries) {
      assertThat(entry.getModTime().toInstant()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
      assertThat(entry.getLongUserId()).isZero();
      assertThat(entry.getLongGroupId()).isZero();
      assertThat(entry.getUserName()).isEqualTo("root");
      assertThat(entry.getGroupName()).isEqualTo("root");
    }
  }

  @Test
  void gzipHeaderHasNoTimeAndNoFileName() {
    byte[] archive = TarGz.write("top", FILES);

    assertThat(archive[0] & 0xff).isEqualTo(0x1f);
    assertThat(archive[1] & 0xff).isEqualTo(0x8b);
    assertThat(archive[3]).as("FLG: no FNAME, FCOMMENT or FEXTRA").isZero();
    assertThat(new byte[] {archive[4], archive[5], archive[6], archive[7]})
        .as("MTIME")
        .containsOnly(0);
  }

  @Test
  void sameFilesInAnyOrderGiveTheSameBytes() {
    List<BundleFile> reversed = new ArrayList<>(FILES);
    java.util.Collections.reverse(reversed);

    assertThat(TarGz.write("top", reversed)).isEqualTo(TarGz.write("top", FILES));
  }

  @Test
  void theRealTarExtractsItWithTheModes() throws IOException {
    Path archive = directory.resolve("top.tar.gz");
    Files.write(archive, TarGz.write("top", FILES));

    Command.Result result = Command.run(directory, List.of("tar", "-xzf", "top.tar.gz"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).isEmpty();
    assertThat(mode(directory.resolve("top/setup.sh"))).isEqualTo("rwxr-xr-x");
    assertThat(mode(directory.resolve("top/nats/certs/key.pem"))).isEqualTo("rw-------");
    assertThat(mode(directory.resolve("top/README.md"))).isEqualTo("rw-r--r--");
    assertThat(mode(directory.resolve("top/nats/certs"))).isEqualTo("rwxr-xr-x");
    assertThat(Files.readString(directory.resolve("top/nats/certs/key.pem"))).isEqualTo("secret");
  }

  @Test
  void refusesATopFolderWithASlashAndDuplicatePaths() {
    assertThatThrownBy(() -> TarGz.write("a/b", FILES))
        .hasMessage("top folder must be one path segment");
    assertThatThrownBy(() -> TarGz.write("top", List.of(FILES.get(0), FILES.get(0))))
        .hasMessage("bundle lists setup.sh twice");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  static List<TarArchiveEntry> entries(byte[] archive) throws IOException {
    List<TarArchiveEntry> entries = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GzipCompressorInputStream(new ByteArrayInputStream(archive)))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        entries.add(entry);
      }
    }
    return entries;
  }
}
