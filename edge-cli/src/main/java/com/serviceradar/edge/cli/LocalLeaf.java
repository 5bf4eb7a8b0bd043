package com.serviceradar.edge.cli;

import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.pki.PemException;
import com.serviceradar.edge.verify.LeafChecks;
import com.serviceradar.edge.verify.LeafConf;
import com.serviceradar.edge.verify.LeafMaterial;
import com.serviceradar.edge.verify.LeafMaterial.Role;
import com.serviceradar.edge.verify.NatsServerBinary;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The leaf installed on this host, as its {@code nats-leaf.conf} describes it: its files, the
 * running nats-server and its local monitoring endpoint. Replaces files atomically (keeping their
 * modes) and reloads nats-server, confirming the reload by {@code /varz config_load_time}, because
 * {@code nats-server --signal reload} exits 0 even when the reload failed (NATS-FACTS.md).
 */
final class LocalLeaf {

  static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(5);
  static final String BACKUP_SUFFIX = ".renew-backup";

  private final Path configFile;
  private final Map<Role, Path> paths;
  private final int monitoringPort;

  private LocalLeaf(Path configFile, Map<Role, Path> paths, int monitoringPort) {
    this.configFile = configFile;
    this.paths = paths;
    this.monitoringPort = monitoringPort;
  }

  /** Reads the installed conf; a failure names the file and the fix. */
  static LocalLeaf at(Path configFile) {
    Path file = configFile.toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ExitException.failure(
          "cannot read "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "): give the installed config with --config FILE");
    }
    LeafConf conf = LeafConf.parse(text);
    Map<Role, Path> paths = Doctor.paths(conf);
    if (paths.size() < Role.values().length || conf.monitoringPort().isEmpty()) {
      throw ExitException.failure(
          file
              + " lacks the leafnodes remote files or the http monitoring port: reinstall the"
              + " site's bundle, then run serviceradar-edge doctor");
    }
    return new LocalLeaf(file, paths, conf.monitoringPort().get());
  }

  Path configFile() {
    return configFile;
  }

  /** The installed conf and files; a missing file names itself. */
  LeafMaterial material() {
    Map<Role, String> texts = new EnumMap<>(Role.class);
    for (Map.Entry<Role, Path> entry : paths.entrySet()) {
      texts.put(entry.getKey(), read(entry.getValue()));
    }
    return new LeafMaterial(read(configFile), texts);
  }

  /** The edge site the installed creds belong to (verified against the conf's tenant account). */
  UUID siteId() {
    return LeafChecks.siteId(material())
        .orElseThrow(
            () ->
                ExitException.failure(
                    "the installed tenant.creds name no edge site of the conf's tenant account:"
                        + " run serviceradar-edge doctor --config "
                        + configFile
                        + " for the cause"));
  }

  /** When the first of the leaf's certificates or its creds expires. */
  Instant expiresAt() {
    LeafMaterial material = material();
    List<Instant> ends = new ArrayList<>();
    for (Role role : List.of(Role.LEAF_CERT, Role.SERVER_CERT)) {
      try {
        ends.add(
            Pem.decodeCertificates(material.files().get(role)).get(0).getNotAfter().toInstant());
      } catch (PemException | IndexOutOfBoundsException e) {
        throw ExitException.failure(
            paths.get(role) + " holds no certificate: run serviceradar-edge doctor for the cause");
      }
    }
    LeafChecks.credsExpiry(material).ifPresent(ends::add);
    return ends.stream().min(Instant::compareTo).orElseThrow();
  }

  /** The nats-server process running this conf ({@code -c FILE} on its command line). */
  long pid() {
    return LeafReload.runningLeaf(configFile)
        .orElseThrow(
            () ->
                ExitException.failure(
                    "no running nats-server has "
                        + configFile
                        + " on its command line: start the leaf (systemctl start"
                        + " serviceradar-nats-leaf, or nats-server -c "
                        + configFile
                        + "), or name its process with --pid"));
  }

  /**
   * The process given with {@code --pid}, once it is known to be a nats-server: the reload signal
   * must never reach another program.
   */
  static long requireNatsServer(long pid) {
    if (!LeafReload.isNatsServer(pid)) {
      throw ExitException.usage(
          "--pid " + pid + " is not a running nats-server: give the leaf's process id, or omit it");
    }
    return pid;
  }

  /** {@code /varz} of the local leaf, or a failure saying it does not answer. */
  JsonValue varz() {
    return monitoring("varz")
        .orElseThrow(
            () ->
                ExitException.failure(
                    "nothing answers on http://127.0.0.1:"
                        + monitoringPort
                        + "/varz: start the leaf with nats-server -c "
                        + configFile));
  }

  /** How many upstream links the local leaf has now ({@code /leafz}); 0 when it does not answer. */
  int upstreamLinks() {
    return monitoring("leafz")
        .map(body -> Json.at(body, "leafnodes"))
        .map(value -> value.number)
        .map(Number::intValue)
        .orElse(0);
  }

  private Optional<JsonValue> monitoring(String endpoint) {
    return LocalMonitoring.monitoring(monitoringPort, endpoint);
  }

  /**
   * Signals nats-server {@code pid} to reload and waits until {@code /varz config_load_time}
   * advances; a failure says the reload did not take.
   */
  void reload(long pid) {
    LeafReload.reload(pid, monitoringPort, RELOAD_TIMEOUT);
  }

  /** Runs {@code nats-server -t} on the installed conf; a refusal is a failure with its reason. */
  void testConfig() {
    Optional<NatsServerBinary> binary = NatsServerBinary.find();
    if (binary.isEmpty()) {
      return;
    }
    try {
      NatsServerBinary.ConfigTest result = binary.get().test(configFile, Path.of("/"));
      if (!result.passed()) {
        throw ExitException.failure(
            "nats-server refuses the new configuration: "
                + NatsServerBinary.lastLine(result.output()));
      }
    } catch (IOException e) {
      throw ExitException.failure("cannot run nats-server -t: " + e.getMessage());
    }
  }

  /** The installed files a renewal replaces, read now; each is also copied beside itself. */
  Backup backup() {
    Map<Path, byte[]> contents = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>(paths.values());
    files.add(configFile);
    for (Path file : files) {
      try {
        contents.put(file, Files.readAllBytes(file));
        Path copy = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
        write(copy, contents.get(file), Files.getPosixFilePermissions(file));
      } catch (IOException e) {
        throw ExitException.failure("cannot back up " + file + ": " + e.getMessage());
      }
    }
    return new Backup(contents);
  }

  /**
   * Puts back the copies a renewal that did not finish (its process died) left beside the files.
   *
   * @return whether any file was restored
   */
  boolean restoreLeftoverBackup() {
    List<Path> files = new ArrayList<>(paths.values());
    files.add(configFile);
    boolean restored = false;
    for (Path file : files) {
      Path copy = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
      if (Files.isRegularFile(copy)) {
        try {
          replace(file, Files.readAllBytes(copy));
          Files.delete(copy);
          restored = true;
        } catch (IOException e) {
          throw ExitException.failure("cannot restore " + file + " from " + copy + ": " + e);
        }
      }
    }
    return restored;
  }

  /** What the files were before a renewal. */
  final class Backup {
    private final Map<Path, byte[]> contents;

    private Backup(Map<Path, byte[]> contents) {
      this.contents = contents;
    }

    /** Puts every file back as it was; one that a failed install did not reach is left alone. */
    void restore() {
      contents.forEach(
          (file, content) -> {
            if (!hasContent(file, content)) {
              replace(file, content);
            }
          });
    }

    /** The renewal is done: the copies beside the files go. */
    void discard() {
      for (Path file : contents.keySet()) {
        try {
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + BACKUP_SUFFIX));
        } catch (IOException e) {
          // A stale copy is harmless; the next renewal overwrites it.
        }
      }
    }
  }

  /**
   * Installs a new identity from bundle-path files ({@code nats/certs/...}, {@code creds/...}) at
   * the paths the conf names, and the bundle's conf in the form setup.sh installs it.
   */
  void install(Map<String, String> bundleFiles) {
    String bundleConf = required(bundleFiles, "nats/nats-leaf.conf");
    for (Map.Entry<Role, Path> entry : paths.entrySet()) {
      String bundlePath =
          entry.getKey() == Role.CREDS
              ? "creds/" + Role.CREDS.fileName()
              : "nats/certs/" + entry.getKey().fileName();
      replace(entry.getValue(), required(bundleFiles, bundlePath).getBytes(StandardCharsets.UTF_8));
    }
    installConf(bundleConf);
  }

  /**
   * Installs a bundle's conf in the form setup.sh gives it here.
   *
   * @return whether the installed conf changed
   */
  boolean installConf(String bundleConf) {
    String conf =
        ConfigDrift.installedForm(bundleConf, configFile)
            .orElseThrow(
                () ->
                    ExitException.failure(
                        configFile + " is not where the site's bundle installs its conf"));
    if (conf.equals(read(configFile))) {
      return false;
    }
    replace(configFile, conf.getBytes(StandardCharsets.UTF_8));
    return true;
  }

  private static boolean hasContent(Path file, byte[] content) {
    try {
      return Arrays.equals(Files.readAllBytes(file), content);
    } catch (IOException e) {
      return false;
    }
  }

  private static String required(Map<String, String> files, String path) {
    String text = files.get(path);
    if (text == null) {
      throw ExitException.failure("the control plane sent no " + path + " for the new identity");
    }
    return text;
  }

  /**
   * Writes beside the file and renames over it, keeping its mode, owner and group: never half a
   * file, and the leaf's own user (which nats-server runs as) can still read its keys.
   */
  private void replace(Path file, byte[] content) {
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      PosixFileAttributes owners = Files.readAttributes(file, PosixFileAttributes.class);
      Path temporary = file.resolveSibling("." + file.getFileName() + ".renew-new");
      write(temporary, content, mode);
      PosixFileAttributeView view =
          Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
      try {
        view.setGroup(owners.group());
        view.setOwner(owners.owner());
      } catch (FileSystemException e) {
        // Not root: the agent runs as the leaf's own user, so the file is the leaf's to read.
      }
      try {
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw ExitException.failure("cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void write(Path file, byte[] content, Set<PosixFilePermission> mode)
      throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file,
        PosixFilePermissions.asFileAttribute(
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
    Files.write(file, content);
    Files.setPosixFilePermissions(file, mode);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ExitException.failure(
          "cannot read "
              + file
              + ": reinstall the site's bundle, then run serviceradar-edge doctor");
    }
  }
}
