package com.serviceradar.edge.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The control plane's data directory ({@code EDGE_DATA_DIR}). It holds secrets (the generated
 * bootstrap token, later the master key), so it is created private to the owner and files are
 * written 0600.
 */
public final class DataDirectory {

  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path root;

  public DataDirectory(Path configured) {
    this.root = configured.toAbsolutePath().normalize();
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  public Path resolve(String name) {
    return root.resolve(name);
  }

  /**
   * Writes a secret file that only the owner can read. The file is created with mode 0600 from the
   * start, so the secret is never readable by others, not even for a moment.
   *
   * @return false when the file already exists (it is left untouched)
   */
  public boolean writeSecretIfAbsent(String name, String content) {
    Path file = resolve(name);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
    try {
      Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public String read(String name) {
    try {
      return Files.readString(resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resolve(name), e);
    }
  }
}
