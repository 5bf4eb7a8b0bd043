package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.BundleArchive;
import com.serviceradar.edge.verify.BundleVerifier;
import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.InvalidBundleException;
import com.serviceradar.edge.verify.LeafChecks;
import com.serviceradar.edge.verify.LeafConf;
import com.serviceradar.edge.verify.LeafMaterial;
import com.serviceradar.edge.verify.LeafMaterial.Role;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code doctor}'s last check: do the installed files match what the control plane would install
 * for this site now? Drift means a hand edit or a missed update (a revoked collector, new certs).
 */
final class ConfigDrift {

  static final String DRIFT = "config checksum";

  private final Path configFile;
  private final Optional<ApiClient> api;

  ConfigDrift(Path configFile, Optional<ApiClient> api) {
    this.configFile = configFile;
    this.api = api;
  }

  /**
   * The site's current bundle. A site whose edge host holds its keys (enrolled with a CSR) has no
   * downloadable bundle (409): its configuration without keys, completed with the keys installed
   * here, is what sync would install.
   */
  private BundleArchive currentBundle(UUID siteId) {
    String sitePath = "/api/v1/edge-sites/" + siteId;
    try {
      return BundleArchive.read(
          api.get().download(sitePath + "/bundle", "bundle.tar.gz").content());
    } catch (ExitException e) {
      if (!e.isRefusal(409)) {
        throw e;
      }
    }
    JsonValue hostConfig = api.get().get(sitePath + "/host-config");
    return BundleArchive.read(
        HostKeys.installed(configFile.getParent()).assemble(hostConfig).toTarGz());
  }

  /**
   * Compares the installed files with the control plane's current bundle for this site. The site id
   * comes from the {@code edge-site:<id>} tag of the installed creds' JWT, which verified above
   * against the tenant account: unlike the README or a comment, it cannot be edited unnoticed. The
   * installed conf is compared after the same {@code --prefix} rewrite setup.sh applies, the prefix
   * being what precedes the bundle's config folder in the installed conf's path.
   */
  Check check(LeafMaterial installed, String installedConf) {
    if (api.isEmpty()) {
      return Check.skip(
          DRIFT, "no control plane configured (login, or EDGE_API_URL/EDGE_API_TOKEN)");
    }
    Optional<UUID> siteId = LeafChecks.siteId(installed);
    if (siteId.isEmpty()) {
      return Check.skip(DRIFT, "the installed creds name no verifiable edge site (see above)");
    }
    String checksum;
    BundleArchive bundle;
    try {
      JsonValue site = api.get().get("/api/v1/edge-sites/" + siteId.get());
      checksum = Json.text(site, "leafServer.configChecksum", "");
      bundle = currentBundle(siteId.get());
    } catch (ExitException | InvalidBundleException e) {
      return Check.fail(
          DRIFT,
          "cannot get site " + siteId.get() + "'s current configuration: " + e.getMessage(),
          "use a tenant admin token of the site's tenant");
    }
    String short12 = checksum.length() > 12 ? checksum.substring(0, 12) + "…" : checksum;
    String fix =
        "install the current bundle: serviceradar-edge bundle download "
            + siteId.get()
            + " then serviceradar-edge install FILE (the same --prefix)";
    String bundleConf = bundle.text("nats/nats-leaf.conf").orElse("");
    Optional<String> expectedConf = installedForm(bundleConf, configFile);
    if (expectedConf.isEmpty()) {
      return Check.fail(
          DRIFT,
          configFile + " is not where the bundle installs it (" + bundleConfDir(bundleConf) + ")",
          fix);
    }
    if (!expectedConf.get().equals(installedConf)) {
      return Check.fail(
          DRIFT,
          configFile
              + " differs from the control plane's configuration (checksum "
              + short12
              + "): edited by hand, or an older bundle",
          fix);
    }
    for (Role role : Role.values()) {
      byte[] expected = bundle.files().get(BundleVerifier.bundlePath(role));
      String actual = installed.files().get(role);
      if (expected == null
          || actual == null
          || !Arrays.equals(expected, actual.getBytes(StandardCharsets.UTF_8))) {
        return Check.fail(
            DRIFT,
            "installed "
                + role.fileName()
                + " differs from the control plane's (checksum "
                + short12
                + ")",
            fix);
      }
    }
    return Check.pass(
        DRIFT,
        "installed files match the control plane's configuration (checksum " + short12 + ")");
  }

  /**
   * A bundle's conf as setup.sh installs it for the {@code --prefix} that {@code configFile} shows
   * (what precedes the bundle's config folder in its path); empty when {@code configFile} is not
   * where the bundle installs its conf.
   */
  static Optional<String> installedForm(String bundleConf, Path configFile) {
    String bundleConfDir = bundleConfDir(bundleConf);
    String installedDir = configFile.toAbsolutePath().normalize().getParent().toString();
    if (!installedDir.endsWith(bundleConfDir)) {
      return Optional.empty();
    }
    String prefix = installedDir.substring(0, installedDir.length() - bundleConfDir.length());
    return Optional.of(
        prefix.isEmpty() ? bundleConf : bundleConf.replace("\"/", "\"" + prefix + "/"));
  }

  private static String bundleConfDir(String bundleConf) {
    return LeafConf.parse(bundleConf)
        .remote("credentials")
        .map(path -> Path.of(path).getParent().getParent().toString())
        .orElse("/etc/nats");
  }
}
