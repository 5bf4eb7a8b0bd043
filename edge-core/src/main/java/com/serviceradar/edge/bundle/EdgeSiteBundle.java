package com.serviceradar.edge.bundle;

import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.leafconfig.LeafPaths;
import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.NatsIdentityException;
import com.serviceradar.edge.template.Language;
import com.serviceradar.edge.template.Template;
import com.serviceradar.edge.template.Word;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an edge site's bundle exactly as ARCHITECTURE.md "Edge site bundle (contract)" lays it
 * out, under {@code edge-site-{site_id}/}:
 *
 * <pre>
 * nats/nats-leaf.conf            nats/certs/nats-server.pem   nats/certs/nats-server-key.pem
 * nats/certs/nats-leaf.pem       nats/certs/nats-leaf-key.pem nats/certs/ca-chain.pem
 * creds/tenant.creds             setup.sh (0755)              README.md           MANIFEST.sha256
 * </pre>
 *
 * Keys and creds are 0600. {@code creds/tenant.creds} holds the site's own leaf user (see {@link
 * LeafConfig}). {@code setup.sh} installs {@code nats/*} into {@link LeafPaths#configDir()} and the
 * creds into its {@code creds/}; under {@code --prefix DIR} it rewrites every quoted absolute path
 * of the configuration (each starts with {@code "/}, nothing else does) to start with DIR.
 */
public final class EdgeSiteBundle {

  /** The systemd unit {@code setup.sh} installs, and the Docker container name in the README. */
  public static final String SERVICE = "serviceradar-nats-leaf";

  /** The user the service runs as, and that owns keys and creds, when it exists. */
  public static final String SERVICE_USER = "nats";

  private static final Template SETUP =
      Template.load(EdgeSiteBundle.class, "setup.sh.tmpl", Language.SHELL);
  private static final Template README =
      Template.load(EdgeSiteBundle.class, "README.md.tmpl", Language.MARKDOWN);
  private static final Pattern ISSUER_ACCOUNT =
      Pattern.compile("\"issuer_account\"\\s*:\\s*\"(A[A-Z2-7]{55})\"");

  private EdgeSiteBundle() {}

  /** {@code edge-site-{site_id}}. */
  public static String topFolder(EdgeSite site) {
    return EdgeSiteNames.bundleFolder(site.id());
  }

  /**
   * Renders every file of the site's bundle.
   *
   * @param leafCreds the {@code .creds} text of the site's leaf user, which must be a user of the
   *     configuration's tenant account
   * @throws IllegalArgumentException when the creds are not a NATS user's of that account
   */
  public static Bundle create(
      EdgeSite site, LeafConfig config, LeafCertificates certificates, String leafCreds) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(certificates, "certificates");
    requireCredsOf(leafCreds, config.tenantAccount().publicKey());
    String certs = "nats/certs/";
    List<BundleFile> files =
        List.of(
            BundleFile.text("nats/" + LeafPaths.CONF_FILE, config.render(), FileMode.REGULAR),
            BundleFile.text(
                certs + LeafPaths.SERVER_CERT_FILE,
                certificates.serverCertificateFile(),
                FileMode.REGULAR),
            BundleFile.text(
                certs + LeafPaths.SERVER_KEY_FILE,
                LeafCertificates.withNewline(certificates.localServerKeyPem()),
                FileMode.SECRET),
            BundleFile.text(
                certs + LeafPaths.LEAF_CERT_FILE,
                certificates.leafCertificateFile(),
                FileMode.REGULAR),
            BundleFile.text(
                certs + LeafPaths.LEAF_KEY_FILE,
                LeafCertificates.withNewline(certificates.leafKeyPem()),
                FileMode.SECRET),
            BundleFile.text(
                certs + LeafPaths.CA_CHAIN_FILE,
                LeafCertificates.withNewline(certificates.caChainPem()),
                FileMode.REGULAR),
            BundleFile.text("creds/" + LeafPaths.CREDS_FILE, leafCreds, FileMode.SECRET),
            BundleFile.text("setup.sh", setupScript(site, config), FileMode.EXECUTABLE),
            BundleFile.text(
                "README.md",
                readme(
                    site, config, certificates.leafNotAfter(), certificates.localServerNotAfter()),
                FileMode.REGULAR));
    return Bundle.withManifest(topFolder(site), files);
  }

  /**
   * The bundle's {@code setup.sh} alone, for an edge host that keeps its own keys and assembles the
   * rest of the bundle itself ({@link HostKeyedBundle}).
   */
  public static String setupScript(EdgeSite site, LeafConfig config) {
    return SETUP.render(setupValues(site, config));
  }

  private static Map<String, Object> setupValues(EdgeSite site, LeafConfig config) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("site_name", site.name());
    values.put("site_id", site.id().toString());
    values.put("tenant", config.tenant().value());
    values.put("server_name", config.serverName());
    values.put("upstream_url", config.upstream().toString());
    values.put("conf_dir", config.paths().configDir());
    values.put("store_dir", config.paths().storeDir());
    values.put("log_dir", config.paths().logDir());
    values.put("monitoring_port", config.monitoringPort());
    values.put("listen_port", config.localListen().port());
    values.put("service", SERVICE);
    values.put("service_user", SERVICE_USER);
    return values;
  }

  /**
   * The bundle's {@code README.md} alone, for an edge host that keeps its own keys ({@link
   * HostKeyedBundle}).
   */
  public static String readme(
      EdgeSite site, LeafConfig config, Instant leafNotAfter, Instant serverNotAfter) {
    return README.render(readmeValues(site, config, leafNotAfter, serverNotAfter));
  }

  private static Map<String, Object> readmeValues(
      EdgeSite site, LeafConfig config, Instant leafNotAfter, Instant serverNotAfter) {
    LeafPaths paths = config.paths();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("site_name", site.name());
    values.put("site_slug", Word.of(config.site().value()));
    values.put("site_id", Word.of(site.id().toString()));
    values.put("tenant", Word.of(config.tenant().value()));
    values.put("server_name", Word.of(config.serverName()));
    values.put("domain", Word.of(config.jetStreamDomain()));
    values.put("upstream_url", config.upstream().toString());
    values.put("service", Word.of(SERVICE));
    values.put("config_dir", Word.of(paths.configDir()));
    values.put("conf_file", Word.of(paths.confFile()));
    values.put("certs_dir", Word.of(paths.certsDir()));
    values.put("creds_dir", Word.of(paths.credsDir()));
    values.put("creds_file", Word.of(paths.credsFile()));
    values.put("store_dir", Word.of(paths.storeDir()));
    values.put("log_dir", Word.of(paths.logDir()));
    values.put("log_file", Word.of(paths.logFile()));
    values.put("monitoring_port", config.monitoringPort());
    values.put("local_listen", config.localListen().toString());
    values.put(
        "collector_url",
        site.natsLeafUrl()
            .map(Object::toString)
            .orElse("tls://<this host>:" + config.localListen().port()));
    values.put("has_leaf_url_host", site.natsLeafUrl().isPresent());
    values.put("leaf_url_host", site.natsLeafUrl().map(url -> url.host()).orElse(""));
    values.put("leaf_not_after", Word.of(day(leafNotAfter)));
    values.put("server_not_after", Word.of(day(serverNotAfter)));
    return values;
  }

  private static String day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static void requireCredsOf(String creds, String accountPublicKey) {
    if (creds == null) {
      throw new IllegalArgumentException("leaf creds are required");
    }
    Creds parsed;
    try {
      parsed = Creds.parse(creds);
    } catch (NatsIdentityException e) {
      throw new IllegalArgumentException("leaf creds must be a NATS user .creds (JWT and seed)");
    }
    String claims;
    try {
      claims =
          new String(
              Base64.getUrlDecoder().decode(parsed.jwt().split("\\.")[1]), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("leaf creds hold a malformed JWT");
    }
    Matcher issuer = ISSUER_ACCOUNT.matcher(claims);
    if (!issuer.find() || !issuer.group(1).equals(accountPublicKey)) {
      throw new IllegalArgumentException(
          "leaf creds must be of a user of the tenant account " + accountPublicKey);
    }
  }
}
