package com.serviceradar.edge.bundle;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.template.Language;
import com.serviceradar.edge.template.Template;
import com.serviceradar.edge.template.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a collector package's bundle (issue [E5]) under {@code collector-package-{id}/}:
 *
 * <pre>
 * creds/nats.creds (0600)   certs/collector.pem   certs/collector-key.pem (0600)
 * certs/ca-chain.pem        config/{type}.json    README.md            MANIFEST.sha256
 * </pre>
 *
 * The config names the NATS URL the collector connects to, the SaaS URL as its fallback, the files
 * (relative to the package folder), the subjects it publishes, and what a publisher that waits for
 * JetStream acks needs: the JetStream domain and stream that ack, its {@code Nats-Msg-Id} pattern
 * and the headers it must not send. The same creds work against a site's operator-mode leaf and
 * against the hub, so only the URL differs between the two.
 */
public final class CollectorBundle {

  /** Paths inside the package folder, as the config names them. */
  public static final String CREDS_FILE = "creds/nats.creds";

  public static final String CERT_FILE = "certs/collector.pem";
  public static final String KEY_FILE = "certs/collector-key.pem";
  public static final String CA_CHAIN_FILE = "certs/ca-chain.pem";

  private static final Template CONFIG =
      Template.load(CollectorBundle.class, "collector.json.tmpl", Language.JSON);
  private static final Template README =
      Template.load(CollectorBundle.class, "collector-README.md.tmpl", Language.MARKDOWN);

  private CollectorBundle() {}

  /** {@code collector-package-{id}}. */
  public static String topFolder(Collector collector) {
    return "collector-package-" + collector.id();
  }

  /** {@code config/{type}.json}. */
  public static String configFile(CollectorType type) {
    return "config/" + type.wireName() + ".json";
  }

  /**
   * Renders every file of the collector's bundle.
   *
   * @param creds the {@code .creds} text of the collector's NATS user
   */
  public static Bundle create(
      Collector collector, CollectorCertificates certificates, String creds) {
    Objects.requireNonNull(collector, "collector");
    Objects.requireNonNull(certificates, "certificates");
    if (creds == null || !creds.contains("-----BEGIN USER NKEY SEED-----")) {
      throw new IllegalArgumentException("collector creds must be a NATS user .creds");
    }
    List<BundleFile> files =
        List.of(
            BundleFile.text(CREDS_FILE, creds, FileMode.SECRET),
            BundleFile.text(
                CERT_FILE,
                LeafCertificates.withNewline(certificates.certificatePem()),
                FileMode.REGULAR),
            BundleFile.text(
                KEY_FILE,
                LeafCertificates.withNewline(certificates.privateKeyPem()),
                FileMode.SECRET),
            BundleFile.text(
                CA_CHAIN_FILE,
                LeafCertificates.withNewline(certificates.caChainPem()),
                FileMode.REGULAR),
            BundleFile.text(
                configFile(collector.type()), CONFIG.render(values(collector)), FileMode.REGULAR),
            BundleFile.text("README.md", README.render(values(collector)), FileMode.REGULAR));
    return Bundle.withManifest(topFolder(collector), files);
  }

  private static Map<String, Object> values(Collector collector) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", collector.id().toString());
    values.put("id_word", Word.of(collector.id().toString()));
    values.put("type", collector.type().wireName());
    values.put("type_word", Word.of(collector.type().wireName()));
    values.put("name", collector.name());
    values.put("nats_url", collector.natsUrl().toString());
    values.put("saas_url", collector.saasUrl().toString());
    values.put("on_leaf", !collector.fallbackServers().isEmpty());
    values.put(
        "fallback_servers",
        list("url", collector.fallbackServers().stream().map(NatsUrl::toString).toList()));
    values.put("creds_file", CREDS_FILE);
    values.put("cert_file", CERT_FILE);
    values.put("key_file", KEY_FILE);
    values.put("ca_file", CA_CHAIN_FILE);
    values.put("config_file", configFile(collector.type()));
    values.put("subjects", list("subject", CollectorType.PUBLISH_SUBJECTS));
    values.put("jetstream_domain", collector.jetStreamDomain().value());
    values.put("acking_stream", collector.ackingStream());
    values.put("msg_id_pattern", collector.messageIdPrefix() + Collector.SEQUENCE_PLACEHOLDER);
    values.put("forbidden_header_prefix", Collector.FORBIDDEN_HEADER_PREFIX);
    return values;
  }

  /** One map per item, with {@code last} set on the final one (JSON has no trailing commas). */
  private static List<Map<String, Object>> list(String key, List<String> items) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      maps.add(Map.of(key, items.get(i), "more", i < items.size() - 1));
    }
    return maps;
  }
}
