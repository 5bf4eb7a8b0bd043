package com.serviceradar.edge.server.collector;

import static com.serviceradar.edge.server.support.EdgeHarness.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Collector packages with real processes: a hub installed from its bundle, edge sites installed by
 * their own {@code setup.sh}, and collectors using nothing but the files of their extracted bundle.
 */
class CollectorFlowTest {

  private static EdgeHarness edge;

  @BeforeAll
  static void start() throws Exception {
    edge = EdgeHarness.start("");
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  /** What a collector on the edge host has: the extracted bundle. */
  private record ExtractedPackage(String id, Path folder) {

    String creds() throws Exception {
      return Files.readString(folder.resolve("creds/nats.creds"), UTF_8);
    }

    String caChain() throws Exception {
      return Files.readString(folder.resolve("certs/ca-chain.pem"), UTF_8);
    }

    JsonNode config() throws Exception {
      return CollectorBundles.JSON.readTree(folder.resolve("config/flowgger.json").toFile());
    }

    Connection connect() throws Exception {
      return LocalNats.connect(config().get("nats_url").asString(), creds(), caChain());
    }
  }

  /** A site whose natsLeafUrl is its leaf's local TLS listener, installed and running. */
  private static InstalledSite siteWithLeafUrl(Tenant tenant) throws Exception {
    InstalledSite site = edge.newSite(tenant, "NYC Office");
    assertThat(
            tenant
                .admin()
                .patch("/api/v1/edge-sites/" + site.id(), Map.of("natsLeafUrl", site.localUrl()))
                .status())
        .isEqualTo(200);
    return site;
  }

  private static ExtractedPackage collectorAt(Tenant tenant, InstalledSite site) throws Exception {
    String id =
        tenant
            .admin()
            .post(
                "/api/v1/collector-packages",
                Map.of("collectorType", "flowgger", "edgeSiteId", site.id()))
            .text("id");
    Path archive = edge.download(tenant.admin(), "/api/v1/collector-packages/" + id + "/bundle");
    Path into = Files.createDirectories(edge.dir().resolve("collector-host-" + id));
    assertThat(Command.run(into, List.of("tar", "-xzf", archive.toString())).exitCode()).isZero();
    Path folder = into.resolve("collector-package-" + id);
    Command.Result manifest = Command.run(folder, List.of("sha256sum", "-c", "MANIFEST.sha256"));
    assertThat(manifest.exitCode()).as(manifest.output()).isZero();
    return new ExtractedPackage(id, folder);
  }

  private static void awaitLeafLinked(InstalledSite site, NatsServerProcess leaf) throws Exception {
    Command.Result check = site.check();
    assertThat(check.exitCode()).as(check.output() + leaf.log()).isZero();
  }

  private static boolean refused(String url, String creds, String trustedPem) {
    try {
      LocalNats.refusedConnect(url, creds, trustedPem);
      return true;
    } catch (AssertionError accepted) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void aCollectorUsingOnlyItsBundleReachesTheHubsIngestStreamThroughTheLeafAndDirectly()
      throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = siteWithLeafUrl(acme);
    ExtractedPackage collector = collectorAt(acme, nyc);
    assertThat(collector.config().get("nats_url").asString()).isEqualTo(nyc.localUrl());
    String consumerCreds =
        edge.operator()
            .post("/api/v1/tenants/" + acme.id() + "/consumer-creds", Map.of())
            .text("creds");

    try (NatsServerProcess leaf = nyc.start()) {
      awaitLeafLinked(nyc, leaf);
      await(
          "the control plane made the site's buffer",
          () -> !nyc.json().path("buffer").path("observedAt").isNull());
      try (Connection consumer = LocalNats.connect(edge.hubUrl(), consumerCreds, null);
          Connection atLeaf = collector.connect();
          Connection atHub = LocalNats.connect(edge.hubUrl(), collector.creds(), null)) {
        // With nothing but its package's creds, a collector gets JetStream acks at both ends.
        atLeaf.jetStream().publish("events.snmp", "via the leaf".getBytes(UTF_8));
        atHub.jetStream().publish("events.syslog", "direct".getBytes(UTF_8));

        JetStreamSubscription ingest =
            consumer
                .jetStream()
                .subscribe(
                    null,
                    PullSubscribeOptions.builder().stream("EDGE_INGEST")
                        .configuration(ConsumerConfiguration.builder().build())
                        .build());
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (received.size() < 2 && System.nanoTime() < deadline) {
          for (Message message : ingest.fetch(10, Duration.ofMillis(500))) {
            received.add(message.getSubject() + " " + new String(message.getData(), UTF_8));
            message.ack();
          }
        }

        assertThat(received)
            .as(leaf.log())
            .containsExactlyInAnyOrder("events.snmp via the leaf", "events.syslog direct");
      }
    }
  }

  @Test
  void aRevokedPackageIsRefusedAtTheHubAtOnceAndAtTheLeafOnceItsNewBundleIsInstalled()
      throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = siteWithLeafUrl(acme);
    ExtractedPackage collector = collectorAt(acme, nyc);
    String leafUrl = collector.config().get("nats_url").asString();
    String creds = collector.creds();
    String caChain = collector.caChain();

    try (NatsServerProcess leaf = nyc.start()) {
      awaitLeafLinked(nyc, leaf);
      collector.connect().close();

      assertThat(acme.admin().delete("/api/v1/collector-packages/" + collector.id()).status())
          .isEqualTo(204);

      await(
          "the hub holds the account JWT with the revocation",
          () -> edge.hubHasCurrentJwt(acme.id()));
      assertThat(refused(edge.hubUrl(), creds, null)).isTrue();
      // NATS-FACTS.md "Revocation": the leaf still holds the old account JWT until reloaded.
      assertThat(refused(leafUrl, creds, caChain)).isFalse();

      edge.install(acme, nyc.id(), nyc.prefix());
      Command.Result reload =
          Command.run(
              nyc.prefix(),
              List.of(NatsServerProcess.binary().toString(), "--signal", "reload=" + leaf.pid()));
      assertThat(reload.exitCode()).as(reload.output()).isZero();

      await("the reloaded leaf refuses the revoked creds", () -> refused(leafUrl, creds, caChain));
      awaitLeafLinked(nyc, leaf);
    }
  }
}
