package com.serviceradar.edge.verify;

import com.serviceradar.edge.digest.Digests;
import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.names.UserTags;
import com.serviceradar.edge.verify.LeafMaterial.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks an edge site bundle offline against ARCHITECTURE.md "Edge site bundle (contract)": the
 * layout and modes, {@code MANIFEST.sha256}, the {@link LeafChecks} of its material, that its creds
 * are for the site its folder names, and {@code nats-server -t} on a scratch install.
 */
public final class BundleVerifier {

  static final String LAYOUT = "bundle layout";
  static final String MANIFEST = "manifest hashes";
  static final String SITE = "bundle is for its site";
  static final String CONFIG_TEST = "nats-server -t";

  /** Each file of the contract and its mode. */
  public static final Map<String, Integer> CONTRACT =
      Map.of(
          "nats/nats-leaf.conf", 0644,
          "nats/certs/nats-server.pem", 0644,
          "nats/certs/nats-server-key.pem", 0600,
          "nats/certs/nats-leaf.pem", 0644,
          "nats/certs/nats-leaf-key.pem", 0600,
          "nats/certs/ca-chain.pem", 0644,
          "creds/tenant.creds", 0600,
          "setup.sh", 0755,
          "README.md", 0644,
          "MANIFEST.sha256", 0644);

  private static final Set<String> FOLDERS = Set.of("nats/", "nats/certs/", "creds/");
  private static final Pattern MANIFEST_LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S+)");
  private static final String REDOWNLOAD =
      "download the bundle again (serviceradar-edge bundle download SITE)";

  private BundleVerifier() {}

  /**
   * Every check of the bundle, in order.
   *
   * @param natsServer runs the {@code nats-server -t} check when present; SKIP otherwise
   */
  public static List<Check> verify(
      byte[] tarGz, Instant now, Optional<NatsServerBinary> natsServer) {
    BundleArchive archive;
    try {
      archive = BundleArchive.read(tarGz);
    } catch (InvalidBundleException e) {
      return List.of(Check.fail(LAYOUT, e.getMessage(), REDOWNLOAD));
    }
    List<Check> checks = new ArrayList<>();
    checks.add(layout(archive));
    checks.add(manifest(archive));
    LeafMaterial material = material(archive);
    checks.addAll(LeafChecks.run(material, now));
    checks.add(site(archive, material));
    checks.add(configTest(archive, natsServer));
    return checks;
  }

  /** The leaf material in a bundle, by the contract's paths. */
  public static LeafMaterial material(BundleArchive archive) {
    Map<Role, String> files = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      archive.text(bundlePath(role)).ifPresent(text -> files.put(role, text));
    }
    return new LeafMaterial(archive.text("nats/nats-leaf.conf").orElse(""), files);
  }

  /** Where a role's file is in a bundle. */
  public static String bundlePath(Role role) {
    return role == Role.CREDS ? "creds/" + role.fileName() : "nats/certs/" + role.fileName();
  }

  static Check layout(BundleArchive archive) {
    if (EdgeSiteNames.siteOfBundleFolder(archive.topFolder()).isEmpty()) {
      return Check.fail(
          LAYOUT,
          "top folder is " + archive.topFolder() + ", expected edge-site-<site id>",
          REDOWNLOAD);
    }
    Set<String> missing = new TreeSet<>(CONTRACT.keySet());
    missing.removeAll(archive.files().keySet());
    if (!missing.isEmpty()) {
      return Check.fail(LAYOUT, "missing " + String.join(", ", missing), REDOWNLOAD);
    }
    Set<String> extra = new TreeSet<>(archive.files().keySet());
    extra.removeAll(CONTRACT.keySet());
    Set<String> extraFolders = new TreeSet<>(archive.folders());
    extraFolders.removeAll(FOLDERS);
    extra.addAll(extraFolders);
    if (!extra.isEmpty()) {
      return Check.fail(LAYOUT, "unexpected " + String.join(", ", extra), REDOWNLOAD);
    }
    for (Map.Entry<String, Integer> file : new TreeMap<>(CONTRACT).entrySet()) {
      int mode = archive.modes().get(file.getKey());
      if (mode != file.getValue()) {
        return Check.fail(
            LAYOUT,
            String.format("%s has mode %04o, expected %04o", file.getKey(), mode, file.getValue()),
            REDOWNLOAD);
      }
    }
    return Check.pass(
        LAYOUT, archive.topFolder() + "/ holds exactly the " + CONTRACT.size() + " contract files");
  }

  static Check manifest(BundleArchive archive) {
    Optional<String> text = archive.text("MANIFEST.sha256");
    if (text.isEmpty()) {
      return Check.fail(MANIFEST, "MANIFEST.sha256 is missing", REDOWNLOAD);
    }
    Map<String, String> listed = new TreeMap<>();
    for (String line : text.get().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Matcher matcher = MANIFEST_LINE.matcher(line.strip());
      if (!matcher.matches()) {
        return Check.fail(MANIFEST, "MANIFEST.sha256 has a malformed line", REDOWNLOAD);
      }
      listed.put(matcher.group(2), matcher.group(1));
    }
    for (Map.Entry<String, String> entry : listed.entrySet()) {
      byte[] content = archive.files().get(entry.getKey());
      if (content == null) {
        return Check.fail(
            MANIFEST, entry.getKey() + " is listed in MANIFEST.sha256 but missing", REDOWNLOAD);
      }
      if (!Digests.sha256Hex(content).equals(entry.getValue())) {
        return Check.fail(
            MANIFEST,
            entry.getKey() + " does not match its SHA-256 in MANIFEST.sha256: it was changed",
            REDOWNLOAD);
      }
    }
    for (String path : archive.files().keySet()) {
      if (!path.equals("MANIFEST.sha256") && !listed.containsKey(path)) {
        return Check.fail(MANIFEST, path + " is not listed in MANIFEST.sha256", REDOWNLOAD);
      }
    }
    return Check.pass(
        MANIFEST,
        listed.size()
            + " files match MANIFEST.sha256 (checksum "
            + Digests.sha256Hex(text.get()).substring(0, 12)
            + "…)");
  }

  static Check site(BundleArchive archive, LeafMaterial material) {
    Optional<UUID> fromFolder = EdgeSiteNames.siteOfBundleFolder(archive.topFolder());
    Optional<UUID> fromCreds = LeafChecks.siteId(material);
    if (fromFolder.isEmpty() || fromCreds.isEmpty()) {
      return Check.fail(SITE, "the creds name no verifiable edge-site:<id> tag", REDOWNLOAD);
    }
    if (!fromCreds.get().equals(fromFolder.get())) {
      return Check.fail(
          SITE,
          "tenant.creds is for site " + fromCreds.get() + ", the folder for " + fromFolder.get(),
          REDOWNLOAD);
    }
    return Check.pass(SITE, "tenant.creds is tagged " + UserTags.edgeSite(fromFolder.get()));
  }

  static Check configTest(BundleArchive archive, Optional<NatsServerBinary> natsServer) {
    if (natsServer.isEmpty()) {
      return Check.skip(CONFIG_TEST, "nats-server is not installed here");
    }
    LeafConf conf = LeafConf.parse(archive.text("nats/nats-leaf.conf").orElse(""));
    Optional<String> creds = conf.remote("credentials");
    if (creds.isEmpty() || !creds.get().endsWith("/creds/tenant.creds")) {
      return Check.fail(
          CONFIG_TEST, "nats-leaf.conf names no .../creds/tenant.creds credentials", REDOWNLOAD);
    }
    String confDir =
        creds.get().substring(0, creds.get().length() - "/creds/tenant.creds".length());
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("edge-verify-");
      String root = scratch.toRealPath().toString();
      Path configDir = Path.of(root + confDir);
      Files.createDirectories(configDir.resolve("certs"));
      Files.createDirectories(configDir.resolve("creds"));
      for (Role role : Role.values()) {
        byte[] content = archive.files().get(bundlePath(role));
        if (content != null) {
          String folder = role == Role.CREDS ? "creds" : "certs";
          Files.write(configDir.resolve(folder).resolve(role.fileName()), content);
        }
      }
      // Rewritten as setup.sh --prefix does: every quoted absolute path starts with "/.
      String rewritten =
          archive.text("nats/nats-leaf.conf").orElse("").replace("\"/", "\"" + root + "/");
      LeafConf scratchConf = LeafConf.parse(rewritten);
      for (String dir :
          Stream.of(
                  scratchConf.top("store_dir"),
                  scratchConf.top("logfile").map(file -> Path.of(file).getParent().toString()))
              .flatMap(Optional::stream)
              .toList()) {
        Files.createDirectories(Path.of(dir));
      }
      Path confFile = configDir.resolve("nats-leaf.conf");
      Files.writeString(confFile, rewritten, StandardCharsets.UTF_8);
      NatsServerBinary.ConfigTest result = natsServer.get().test(confFile, scratch);
      if (result.passed()) {
        return Check.pass(CONFIG_TEST, natsServer.get().path() + " accepts the configuration");
      }
      return Check.fail(
          CONFIG_TEST,
          "nats-server refuses the configuration: " + NatsServerBinary.lastLine(result.output()),
          REDOWNLOAD);
    } catch (IOException e) {
      return Check.warn(
          CONFIG_TEST, "could not run nats-server -t: " + e.getMessage(), "check TMPDIR");
    } finally {
      deleteQuietly(scratch);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a scratch folder under the temporary directory; the system cleans it eventually
    }
  }
}
