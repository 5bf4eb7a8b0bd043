package com.serviceradar.edge.cli;

import com.serviceradar.edge.bundle.EdgeSiteBundle;
import com.serviceradar.edge.leafconfig.LeafPaths;
import com.serviceradar.edge.template.Language;
import com.serviceradar.edge.template.Template;
import com.serviceradar.edge.template.Word;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The systemd units of the site agent on an edge host: a service running {@code serviceradar-edge
 * sync --watch} as the leaf's own user, so its configuration stays current without a person, and a
 * timer that starts it again when it stopped.
 */
final class SyncTimer {

  static final String SERVICE = "serviceradar-edge-sync.service";
  static final String TIMER = "serviceradar-edge-sync.timer";

  private static final Template SERVICE_TEMPLATE =
      Template.load(SyncTimer.class, SERVICE + ".tmpl", Language.SYSTEMD_UNIT);
  private static final Template TIMER_TEMPLATE =
      Template.load(SyncTimer.class, TIMER + ".tmpl", Language.SYSTEMD_UNIT);

  /** The characters setup.sh allows in a prefix; systemd takes such a path as it is. */
  private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9._/+-]*");

  /** Both units' text. */
  record Units(String service, String timer) {}

  private SyncTimer() {}

  /**
   * @param cli the absolute path of {@code serviceradar-edge}
   * @param prefix the site's install prefix, null for {@code /}; letters, digits and {@code ._/+-}
   *     only, as setup.sh requires
   */
  static Units render(String cli, Path prefix, Duration interval) {
    String root = prefix == null ? "" : prefix.toAbsolutePath().toString();
    if (!PLAIN_PATH.matcher(root).matches()) {
      throw ExitException.usage("--prefix must be a path of letters, digits and . _ / + - only");
    }
    long seconds = interval.toSeconds();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("cli", cli);
    values.put("user", Word.of(EdgeSiteBundle.SERVICE_USER));
    values.put("prefix", root.isEmpty() ? "/" : root);
    values.put("writable_paths", writablePaths(root, prefix));
    values.put("interval_seconds", Math.toIntExact(seconds));
    // Sites installed together would otherwise ask the control plane in the same second forever.
    values.put("randomized_delay_seconds", Math.toIntExact(Math.max(1, seconds / 4)));
    return new Units(SERVICE_TEMPLATE.render(values), TIMER_TEMPLATE.render(values));
  }

  /** What sync writes: the leaf's files (through setup.sh) and the agent's own state. */
  private static List<Map<String, Object>> writablePaths(String root, Path prefix) {
    LeafPaths leaf = LeafPaths.DEFAULT;
    return List.of(
            root + leaf.configDir(),
            root + leaf.storeDir(),
            root + leaf.logDir(),
            SiteAgent.directory(prefix).toString())
        .stream()
        .map(path -> Map.<String, Object>of("path", Word.of(path)))
        .toList();
  }

  /**
   * Where the units go: under the prefix when there is one (nothing outside it is touched), else
   * {@code $SYSTEMD_UNIT_DIR} or {@code /etc/systemd/system}, as setup.sh does.
   */
  static Path unitDirectory(Path prefix, Map<String, String> env) {
    if (prefix != null) {
      return prefix.toAbsolutePath().resolve("etc/systemd/system");
    }
    return Path.of(env.getOrDefault("SYSTEMD_UNIT_DIR", "/etc/systemd/system"));
  }

  /** Writes both units, each renamed into place so systemd never reads half a file. */
  static List<Path> write(Path directory, Units units) {
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      for (Map.Entry<String, String> unit :
          List.of(Map.entry(SERVICE, units.service()), Map.entry(TIMER, units.timer()))) {
        Path target = directory.resolve(unit.getKey());
        Path temporary = directory.resolve(unit.getKey() + ".new");
        Files.writeString(temporary, unit.getValue(), StandardCharsets.UTF_8);
        Files.move(
            temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        written.add(target);
      }
    } catch (IOException e) {
      throw ExitException.failure(
          "cannot write the sync timer into "
              + directory
              + ": "
              + e.getMessage()
              + " (run as root)");
    }
    return written;
  }

  /** {@code systemctl daemon-reload}, then enables and starts the agent and its timer. */
  static void enable() {
    systemctl("daemon-reload");
    systemctl("enable", "--now", SERVICE);
    systemctl("enable", "--now", TIMER);
  }

  /**
   * Gives the leaf's user the folders the agent writes in (the leaf's configuration folders) and
   * the agent's own files, since the agent runs as that user; only root can, and only where that
   * user exists (else the agent's unit could not start either).
   */
  static void handOver(Path prefix) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return;
    }
    String root = prefix == null ? "" : prefix.toAbsolutePath().toString();
    String conf = root + LeafPaths.DEFAULT.configDir();
    try {
      UserPrincipal user =
          FileSystems.getDefault()
              .getUserPrincipalLookupService()
              .lookupPrincipalByName(EdgeSiteBundle.SERVICE_USER);
      List<Path> owned = new ArrayList<>();
      for (String folder : List.of(conf, conf + "/certs", conf + "/creds")) {
        owned.add(Path.of(folder));
      }
      Path agent = SiteAgent.directory(prefix);
      if (Files.isDirectory(agent)) {
        try (Stream<Path> files = Files.walk(agent)) {
          files.forEach(owned::add);
        }
      }
      for (Path path : owned) {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.setOwner(path, user);
        }
      }
    } catch (UserPrincipalNotFoundException e) {
      // No such user: setup.sh creates it when it installs the leaf's service.
    } catch (IOException e) {
      throw ExitException.failure(
          "cannot hand the agent's files to "
              + EdgeSiteBundle.SERVICE_USER
              + ": "
              + e.getMessage());
    }
  }

  private static void systemctl(String... args) {
    List<String> command = new ArrayList<>(List.of("systemctl"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw ExitException.failure(
            String.join(" ", command)
                + " failed: "
                + output.strip()
                + " — is systemd running? Add --no-service and run serviceradar-edge sync --watch"
                + " yourself");
      }
    } catch (IOException e) {
      throw ExitException.failure(
          "systemctl is not available ("
              + e.getMessage()
              + "): add --no-service and run serviceradar-edge sync --watch yourself");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ExitException.failure("interrupted while enabling " + TIMER);
    }
  }
}
