package com.serviceradar.edge.bundle;

import static com.serviceradar.edge.testing.IdentityFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.storeforward.BufferLimits;
import com.serviceradar.edge.testing.Golden;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

class CollectorBundleTest {

  private static final UUID ID = UUID.fromString("3b9e4c1d-7a2f-4e6b-8d05-9f1a2c3e4b5d");
  private static final NatsUrl LEAF = NatsUrl.parse("nats://10.0.1.50:4222");
  private static final NatsUrl SAAS = NatsUrl.parse("nats://nats.serviceradar.cloud:4222");
  private static final SiteSlug NYC = SiteSlug.of("nyc-office");

  /** A collector at the site NYC when it connects to the leaf, else a SaaS-direct one. */
  private static Bundle bundle(NatsUrl natsUrl) {
    Optional<SiteSlug> site = natsUrl.equals(LEAF) ? Optional.of(NYC) : Optional.empty();
    return CollectorBundle.create(
        new Collector(ID, CollectorType.FLOWGGER, "flowgger-1", site, natsUrl, SAAS),
        new CollectorCertificates(
            text("nyc-office-leaf.pem"),
            text("nyc-office-leaf-key.pem"),
            text("acme-ca-chain.pem")),
        text("leaf-nyc-office.creds"));
  }

  @Test
  void rendersTheGoldenConfigReadmeAndManifestForASiteCollector() {
    Bundle bundle = bundle(LEAF);

    Golden.assertMatches(
        "collector/flowgger.json", bundle.file("config/flowgger.json").orElseThrow().text());
    Golden.assertMatches("collector/README.md", bundle.file("README.md").orElseThrow().text());
    Golden.assertMatches(
        "collector/MANIFEST.sha256", bundle.file("MANIFEST.sha256").orElseThrow().text());
  }

  @Test
  void rendersTheGoldenConfigAndReadmeForASaasCollector() {
    Bundle bundle = bundle(SAAS);

    Golden.assertMatches(
        "collector/saas/flowgger.json", bundle.file("config/flowgger.json").orElseThrow().text());
    Golden.assertMatches("collector/saas/README.md", bundle.file("README.md").orElseThrow().text());
  }

  @Test
  void aSiteCollectorIsAckedByItsLeafsBufferUnderIdsOfItsSiteAndInstance() {
    Bundle bundle = bundle(LEAF);

    assertThat(bundle.file("config/flowgger.json").orElseThrow().text())
        .contains(
            "  \"jetstream\": {\n"
                + "    \"domain\": \"edge-nyc-office\",\n"
                + "    \"stream\": \"EDGE_BUFFER\",\n"
                + "    \"msg_id_pattern\": \"nyc-office/flowgger-3b9e4c1d/{seq}\",\n"
                + "    \"forbidden_header_prefix\": \"Nats-Expected-\"\n"
                + "  }\n}\n");
    assertThat(bundle.file("README.md").orElseThrow().text())
        .contains("`EDGE_BUFFER`", "`edge-nyc-office`", "`nyc-office/flowgger-3b9e4c1d/{seq}`")
        .contains("`Nats-Expected-`");
  }

  @Test
  void aSaasCollectorIsAckedByTheHubsIngestUnderHubIds() {
    Bundle bundle = bundle(SAAS);

    assertThat(bundle.file("config/flowgger.json").orElseThrow().text())
        .contains("\"domain\": \"hub\",")
        .contains("\"stream\": \"EDGE_INGEST\",")
        .contains("\"msg_id_pattern\": \"hub/flowgger-3b9e4c1d/{seq}\",")
        .contains("\"forbidden_header_prefix\": \"Nats-Expected-\"");
    assertThat(bundle.file("README.md").orElseThrow().text())
        .contains("`EDGE_INGEST`", "`hub/flowgger-3b9e4c1d/{seq}`")
        .doesNotContain("EDGE_BUFFER");
  }

  @Test
  void theReadmeOfASiteCollectorStatesTheDefaultBufferLimits() {
    BufferLimits limits = BufferLimits.DEFAULT;
    String readme = bundle(LEAF).file("README.md").orElseThrow().text();

    assertThat(readme.replaceAll("\\s+", " "))
        .contains(
            "by default " + limits.maxAge().toDays() + " days and " + (limits.maxBytes() >> 30));
  }

  @Test
  void aSiteCollectorConnectsToTheLeafAndFallsBackToTheSaas() {
    String config = bundle(LEAF).file("config/flowgger.json").orElseThrow().text();

    assertThat(config)
        .contains("\"nats_url\": \"nats://10.0.1.50:4222\",")
        .contains("\"fallback_servers\": [\"nats://nats.serviceradar.cloud:4222\"],");
  }

  @Test
  void aCollectorWithoutSiteConnectsToTheSaasWithNoFallback() {
    Bundle bundle = bundle(SAAS);
    String config = bundle.file("config/flowgger.json").orElseThrow().text();

    assertThat(config)
        .contains("\"nats_url\": \"nats://nats.serviceradar.cloud:4222\",")
        .contains("\"fallback_servers\": [],");
    assertThat(bundle.file("README.md").orElseThrow().text())
        .contains("connects to the ServiceRadar SaaS at `nats://nats.serviceradar.cloud:4222`")
        .doesNotContain("falls back");
  }

  @Test
  void holdsTheLayoutWithSecretsReadableByTheOwnerOnly() throws Exception {
    Bundle bundle = bundle(LEAF);

    assertThat(bundle.fileName()).isEqualTo("collector-package-" + ID + ".tar.gz");
    Map<String, String> modes =
        TarGzTest.entries(bundle.toTarGz()).stream()
            .filter(entry -> !entry.isDirectory())
            .collect(
                Collectors.toMap(
                    TarArchiveEntry::getName,
                    entry -> Integer.toOctalString(entry.getMode() & 07777)));
    String top = "collector-package-" + ID + "/";
    assertThat(modes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                top + "creds/nats.creds", "600",
                top + "certs/collector.pem", "644",
                top + "certs/collector-key.pem", "600",
                top + "certs/ca-chain.pem", "644",
                top + "config/flowgger.json", "644",
                top + "README.md", "644",
                top + "MANIFEST.sha256", "644"));
    assertThat(bundle.toTarGz()).isEqualTo(bundle(LEAF).toTarGz());
  }

  @Test
  void aNameIsDataInTheConfig() {
    Bundle bundle =
        CollectorBundle.create(
            new Collector(
                ID, CollectorType.OTEL, "a \"quoted\" \\ name", Optional.empty(), SAAS, SAAS),
            new CollectorCertificates("cert", "key", "chain"),
            text("leaf-nyc-office.creds"));

    assertThat(bundle.file("config/otel.json").orElseThrow().text())
        .contains("\"name\": \"a \\\"quoted\\\" \\\\ name\",");
  }

  @Test
  void typesHaveWireNamesAndInstanceNames() {
    assertThat(CollectorType.fromWireName("trapd")).isEqualTo(CollectorType.TRAPD);
    assertThat(CollectorType.NETFLOW.instanceName(ID)).isEqualTo("netflow-3b9e4c1d");
    assertThatThrownBy(() -> CollectorType.fromWireName("snmp"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[flowgger, trapd, netflow, otel]");
  }
}
