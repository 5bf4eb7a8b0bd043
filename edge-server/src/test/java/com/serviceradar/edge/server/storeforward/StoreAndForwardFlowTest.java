package com.serviceradar.edge.server.storeforward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.storeforward.BufferLimits;
import com.serviceradar.edge.storeforward.EdgeStreams;
import com.serviceradar.edge.storeforward.TenantStreams;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.Ingest;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.External;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Store-and-forward run by the control plane, with real processes: a hub installed from its bundle,
 * leafs installed by their own setup.sh. The control plane creates each leaf's buffer when it
 * connects, keeps the hub's relays sourcing the tenant's sites and EDGE_INGEST sourcing the relays,
 * and shows each buffer. Relays here hold two sites, so a tenant's third site opens a second one.
 */
class StoreAndForwardFlowTest {

  private static EdgeHarness edge;

  @BeforeAll
  static void start() throws Exception {
    edge =
        EdgeHarness.start(
            "",
            "--edge.store-and-forward.interval=1s",
            "--edge.store-and-forward.stall-after=1h",
            "--edge.store-and-forward.silent-after=3s",
            "--edge.store-and-forward.sites-per-relay=2",
            "--edge.store-and-forward.drop-source-after=4s",
            "--edge.monitor.reconcile-interval=2s");
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  @Test
  void anOutagesBacklogReachesTheHubAndTheSiteShowsItsBufferDrain() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    String consumer = consumerCreds(acme);

    try (NatsServerProcess leaf = nyc.start()) {
      awaitBufferObserved(nyc);
      try (Connection collector = atLeaf(acme, nyc)) {
        edge.stopHub();
        for (int seq = 1; seq <= 1_000; seq++) {
          publishAcked(collector.jetStream(), "nyc-office/snmp/" + seq, "events.snmp", "m" + seq);
        }
        edge.startHub();
      }

      try (Connection saas = LocalNats.connect(edge.hubUrl(), consumer, null)) {
        awaitUntil("EDGE_INGEST holds the backlog", () -> Ingest.count(saas) >= 1_000);
        assertThat(Ingest.payloads(saas)).containsExactlyElementsOf(numbered("m", 1_000));
      }
      awaitUntil(
          "the site shows its backlog delivered and trimmed from the leaf",
          () ->
              nyc.json().path("buffer").path("undeliveredToHub").asLong(-1) == 0
                  && nyc.json().path("buffer").path("messages").asLong(-1) == 0);
      JsonNode buffer = nyc.json().path("buffer");
      assertThat(buffer.path("maxBytes").asLong()).isEqualTo(1L << 30);
      assertThat(buffer.path("maxAgeSeconds").asLong()).isEqualTo(7 * 24 * 3600);
      assertThat(buffer.path("lastDeliveredAt").isNull()).isFalse();
      assertThat(buffer.path("percentFull").asDouble()).isZero();
      awaitUntil(
          "the timeline notes the drained backlog", () -> timelineHas(nyc, "backlog-drained"));
      assertThat(edge.operator().get("/actuator/prometheus").body())
          .contains("edge_buffer_undelivered_messages{tenant=\"" + acme.slug() + "\"}");
    }
  }

  @Test
  void aFullBufferRefusesPublishesRaisesBufferFullAndClearsItWhenDrained() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    assertThat(
            acme.admin()
                .send(
                    "PUT",
                    "/api/v1/edge-sites/" + nyc.id() + "/buffer",
                    Map.of("maxAgeSeconds", 3600, "maxBytes", 65_536))
                .status())
        .isEqualTo(200);

    try (NatsServerProcess leaf = nyc.start();
        Connection collector = atLeaf(acme, nyc)) {
      awaitUntil(
          "the leaf's buffer has the site's limits",
          () ->
              bufferAtLeaf(collector).map(info -> info.getConfiguration().getMaxBytes()).orElse(0L)
                  == 65_536);
      edge.stopHub();
      byte[] kilobyte = new byte[1024];
      int acked = 0;
      JetStreamApiException refused = null;
      while (refused == null && acked < 200) {
        try {
          collector.jetStream().publish("telemetry.nyc", kilobyte);
          acked++;
        } catch (JetStreamApiException e) {
          refused = e;
        }
      }
      edge.startHub();

      assertThat(refused).isNotNull();
      assertThat(refused.getMessage()).contains("maximum bytes exceeded");
      int expected = acked;
      try (Connection saas = LocalNats.connect(edge.hubUrl(), consumerCreds(acme), null)) {
        awaitUntil("every acked message reaches the hub", () -> Ingest.count(saas) >= expected);
        assertThat(Ingest.count(saas)).isEqualTo(expected);
      }
      awaitUntil(
          "buffer_full was raised", () -> timelineHas(nyc, "condition-raised", "buffer_full"));
      awaitUntil(
          "buffer_full cleared once drained",
          () -> timelineHas(nyc, "condition-cleared", "buffer_full"));
      assertThat(conditionKinds(nyc)).doesNotContain("buffer_full", "buffer_filling");
    }
  }

  @Test
  void deletingASiteRemovesItsSourceAndKeepsWhatTheHubHolds() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    InstalledSite london = edge.newSite(acme, "London");

    try (NatsServerProcess nycLeaf = nyc.start();
        NatsServerProcess londonLeaf = london.start();
        Connection atNyc = atLeaf(acme, nyc);
        Connection atLondon = atLeaf(acme, london);
        Connection saas = LocalNats.connect(edge.hubUrl(), consumerCreds(acme), null);
        Connection hub = LocalNats.connect(edge.hubUrl(), edge.fullUser(acme, "ops"), null)) {
      awaitBufferObserved(nyc);
      awaitBufferObserved(london);
      for (int seq = 1; seq <= 10; seq++) {
        publishAcked(atNyc.jetStream(), "nyc-office/c/" + seq, "events.a", "nyc" + seq);
        publishAcked(atLondon.jetStream(), "london/c/" + seq, "events.b", "london" + seq);
      }
      awaitUntil("both sites' messages reach the hub", () -> Ingest.count(saas) >= 20);

      assertThat(acme.admin().delete("/api/v1/edge-sites/" + nyc.id()).status()).isEqualTo(204);

      awaitUntil(
          "the relay sources only London",
          () -> relaySources(hub, 0).equals(List.of("$JS.edge-london.API")));
      assertThat(Ingest.count(saas)).isEqualTo(20);
      publishAcked(atLondon.jetStream(), "london/c/11", "events.b", "london11");
      awaitUntil("London still delivers", () -> Ingest.count(saas) >= 21);
    }
  }

  @Test
  void aTenantsThirdSiteOpensASecondRelayAndAnAbsentLeafsSourceLeavesAndReturns() throws Exception {
    Tenant acme = edge.newTenant();
    List<InstalledSite> sites =
        List.of(
            edge.newSite(acme, "NYC Office"),
            edge.newSite(acme, "London"),
            edge.newSite(acme, "Paris"));
    List<NatsServerProcess> leafs = new ArrayList<>();
    try (Connection saas = LocalNats.connect(edge.hubUrl(), consumerCreds(acme), null);
        Connection hub = LocalNats.connect(edge.hubUrl(), edge.fullUser(acme, "ops"), null)) {
      for (InstalledSite site : sites) {
        leafs.add(site.start());
        awaitBufferObserved(site);
      }
      publishTen(acme, sites, 1);
      awaitUntil("all 30 reach EDGE_INGEST", () -> Ingest.count(saas) >= 30);
      assertThat(relaySources(hub, 0))
          .containsExactly("$JS.edge-london.API", "$JS.edge-nyc-office.API");
      assertThat(relaySources(hub, 1)).containsExactly("$JS.edge-paris.API");
      assertThat(ingestSourceNames(hub)).containsExactly("EDGE_RELAY_00", "EDGE_RELAY_01");

      leafs.get(2).close();
      awaitUntil("Paris's source leaves its relay", () -> relaySources(hub, 1).isEmpty());
      leafs.set(2, sites.get(2).start());
      publishTen(acme, sites, 11);

      awaitUntil("all 60 reach EDGE_INGEST", () -> Ingest.count(saas) >= 60);
      Thread.sleep(2_000); // two more rounds: nothing arrives twice
      List<String> ingested = Ingest.payloads(saas);
      assertThat(ingested).hasSize(60).doesNotHaveDuplicates();
      for (String slug : List.of("nyc-office", "london", "paris")) {
        assertThat(ingested.stream().filter(p -> p.startsWith(slug + "-")))
            .containsExactlyElementsOf(numbered(slug + "-", 20));
      }
      assertThat(relaySources(hub, 1)).containsExactly("$JS.edge-paris.API");
      StreamInfo relay = hub.jetStreamManagement().getStreamInfo("EDGE_RELAY_00");
      assertThat(relay.getStreamState().getMsgCount())
          .as("the relay lets go of what EDGE_INGEST holds")
          .isLessThan(relay.getStreamState().getLastSequence());
    } finally {
      leafs.forEach(NatsServerProcess::close);
    }
  }

  /**
   * A relay resumes a site's source after the newest message it holds from the site's leaf domain,
   * edge-{slug}: a site re-created with a deleted site's slug gets another relay, or its first
   * messages would be taken for the deleted site's and skipped.
   */
  @Test
  void aSiteReCreatedWithADeletedSitesSlugDeliversFromItsFirstMessage() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite first = edge.newSite(acme, "Berlin");
    try (Connection saas = LocalNats.connect(edge.hubUrl(), consumerCreds(acme), null);
        Connection hub = LocalNats.connect(edge.hubUrl(), edge.fullUser(acme, "ops"), null)) {
      try (NatsServerProcess leaf = first.start();
          Connection collector = atLeaf(acme, first)) {
        awaitBufferObserved(first);
        for (int seq = 1; seq <= 20; seq++) {
          publishAcked(collector.jetStream(), "berlin/old/" + seq, "events.a", "old" + seq);
        }
        awaitUntil("the first Berlin's messages reach the hub", () -> Ingest.count(saas) >= 20);
      }
      assertThat(acme.admin().delete("/api/v1/edge-sites/" + first.id()).status()).isEqualTo(204);

      InstalledSite again = edge.newSite(acme, "Berlin");
      try (NatsServerProcess leaf = again.start();
          Connection collector = atLeaf(acme, again)) {
        awaitBufferObserved(again);
        for (int seq = 1; seq <= 10; seq++) {
          publishAcked(collector.jetStream(), "berlin/new/" + seq, "events.a", "new" + seq);
        }
        awaitUntil("the new Berlin's messages reach the hub", () -> Ingest.count(saas) >= 30);
      }
      assertThat(Ingest.payloads(saas).subList(20, 30))
          .containsExactlyElementsOf(numbered("new", 10));
      assertThat(relaySources(hub, 1)).containsExactly("$JS.edge-berlin.API");
    }
  }

  /**
   * A hub from before relays: EDGE_INGEST sources the site's buffer itself, and the leaf's buffer
   * still holds what the hub has. The control plane moves the site into a relay, which starts after
   * what EDGE_INGEST holds: nothing is lost, nothing arrives twice.
   */
  @Test
  void aSiteThatEdgeIngestSourcedItselfMovesIntoARelayWithoutLossOrDuplicates() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    String ops = edge.fullUser(acme, "ops");
    String collectorCreds = edge.fullUser(acme, "collector");
    String consumer = consumerCreds(acme);
    edge.stopControlPlane();
    try (NatsServerProcess leaf = nyc.start();
        Connection hub = LocalNats.connect(edge.hubUrl(), ops, null);
        Connection collector = LocalNats.connect(nyc.localUrl(), collectorCreds, nyc.caChain());
        Connection saas = LocalNats.connect(edge.hubUrl(), consumer, null)) {
      try {
        TenantStreams streams = new TenantStreams(hub, Duration.ofSeconds(2));
        awaitUntil(
            "the leaf's buffer is made through its link",
            () -> {
              try {
                streams.ensureBuffer(SiteSlug.of("nyc-office"), BufferLimits.DEFAULT);
                return true;
              } catch (IOException | JetStreamApiException e) {
                return false;
              }
            });
        sourceStraightIntoIngest(hub, "nyc-office");
        for (int seq = 1; seq <= 100; seq++) {
          publishAcked(collector.jetStream(), "nyc-office/c/" + seq, "events.a", "m" + seq);
        }
        awaitUntil("EDGE_INGEST holds them", () -> Ingest.count(saas) >= 100);
      } finally {
        edge.startControlPlane();
      }

      awaitUntil(
          "the site is in a relay and EDGE_INGEST sources only relays",
          () ->
              relaySources(hub, 0).equals(List.of("$JS.edge-nyc-office.API"))
                  && ingestSourceNames(hub).equals(List.of("EDGE_RELAY_00")));
      for (int seq = 101; seq <= 200; seq++) {
        publishAcked(collector.jetStream(), "nyc-office/c/" + seq, "events.a", "m" + seq);
      }
      awaitUntil("EDGE_INGEST holds all 200", () -> Ingest.count(saas) >= 200);
      Thread.sleep(2_000); // two more rounds: nothing arrives twice
      assertThat(Ingest.payloads(saas)).containsExactlyElementsOf(numbered("m", 200));
    }
  }

  /** EDGE_INGEST as it was before relays: its subjects and one source per site, straight. */
  private static void sourceStraightIntoIngest(Connection hub, String slug) throws Exception {
    StreamConfiguration direct =
        StreamConfiguration.builder(EdgeStreams.ingest(List.of()))
            .sources(
                List.of(
                    Source.builder()
                        .name("EDGE_BUFFER")
                        .external(External.builder().api("$JS.edge-" + slug + ".API").build())
                        .build()))
            .build();
    try {
      hub.jetStreamManagement().getStreamInfo("EDGE_INGEST");
      hub.jetStreamManagement().updateStream(direct);
    } catch (JetStreamApiException missing) {
      hub.jetStreamManagement().addStream(direct);
    }
  }

  private static void publishTen(Tenant tenant, List<InstalledSite> sites, int from)
      throws Exception {
    List<String> slugs = List.of("nyc-office", "london", "paris");
    for (int i = 0; i < sites.size(); i++) {
      String slug = slugs.get(i);
      try (Connection collector = atLeaf(tenant, sites.get(i))) {
        for (int seq = from; seq < from + 10; seq++) {
          publishAcked(collector.jetStream(), slug + "/c/" + seq, "events.a", slug + "-" + seq);
        }
      }
    }
  }

  /**
   * A frozen leaf process keeps its TCP connection open and says nothing: to the hub it is a
   * half-open link, which nats-server 2.9.10 does not notice while it sources the site.
   */
  @Test
  void aLeafThatFallsSilentWhileTheHubStillListsItsLinkShowsDisconnectedUntilItSpeaksAgain()
      throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");

    try (NatsServerProcess leaf = nyc.start()) {
      awaitBufferObserved(nyc);
      Thread.sleep(4_000); // connected for longer than the silence window
      signal(leaf, "STOP");
      long frozenAt = System.nanoTime();
      try {
        awaitUntil(
            "the site shows the half-open link", () -> leafStatus(nyc).equals("disconnected"));
        System.out.printf(
            "BENCHMARK half-open link shown disconnected after %d ms%n",
            (System.nanoTime() - frozenAt) / 1_000_000);
        assertThat(nyc.json().path("leafServer").path("lastDisconnectReason").asString())
            .startsWith("half-open link");
        Thread.sleep(4_000); // two reconciliations, which still list the link
        assertThat(leafStatus(nyc)).isEqualTo("disconnected");
      } finally {
        signal(leaf, "CONT");
      }
      awaitUntil("the site is connected again", () -> leafStatus(nyc).equals("connected"));
    }
  }

  private static String leafStatus(InstalledSite site) {
    return site.json().path("leafServer").path("status").asString();
  }

  private static void signal(NatsServerProcess process, String signal) {
    Command.Result sent =
        Command.run(Path.of("/"), List.of("kill", "-" + signal, Long.toString(process.pid())));
    assertThat(sent.exitCode()).as(sent.output()).isZero();
  }

  private static String consumerCreds(Tenant tenant) {
    return edge.operator()
        .post("/api/v1/tenants/" + tenant.id() + "/consumer-creds", Map.of())
        .text("creds");
  }

  private static Connection atLeaf(Tenant tenant, InstalledSite site) throws Exception {
    return LocalNats.connect(site.localUrl(), edge.fullUser(tenant, "collector"), site.caChain());
  }

  private static void awaitBufferObserved(InstalledSite site) throws InterruptedException {
    awaitUntil(
        "the control plane has read the site's buffer",
        () -> !site.json().path("buffer").path("observedAt").isNull());
  }

  private static java.util.Optional<StreamInfo> bufferAtLeaf(Connection leaf) {
    try {
      return java.util.Optional.of(leaf.jetStreamManagement().getStreamInfo("EDGE_BUFFER"));
    } catch (IOException | JetStreamApiException e) {
      return java.util.Optional.empty();
    }
  }

  /** An at-least-once collector: resends with the same Nats-Msg-Id until its leaf acks. */
  private static void publishAcked(JetStream js, String msgId, String subject, String payload)
      throws InterruptedException {
    Message message =
        NatsMessage.builder()
            .subject(subject)
            .headers(new Headers().put("Nats-Msg-Id", msgId))
            .data(payload.getBytes(UTF_8))
            .build();
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        js.publish(message);
        return;
      } catch (IOException | JetStreamApiException e) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the leaf never acked " + msgId);
  }

  /** The leaf domains a relay sources, as the hub lists them; empty when it cannot say. */
  private static List<String> relaySources(Connection hub, int relay) {
    try {
      List<Source> sources =
          hub.jetStreamManagement()
              .getStreamInfo(String.format("EDGE_RELAY_%02d", relay))
              .getConfiguration()
              .getSources();
      return sources == null
          ? List.of()
          : sources.stream().map(source -> source.getExternal().getApi()).sorted().toList();
    } catch (IOException | JetStreamApiException e) {
      return List.of("unknown: " + e.getMessage());
    }
  }

  private static List<String> ingestSourceNames(Connection hub) {
    try {
      return hub
          .jetStreamManagement()
          .getStreamInfo("EDGE_INGEST")
          .getConfiguration()
          .getSources()
          .stream()
          .map(Source::getName)
          .sorted()
          .toList();
    } catch (IOException | JetStreamApiException e) {
      return List.of("unknown: " + e.getMessage());
    }
  }

  private static List<String> numbered(String prefix, int count) {
    List<String> expected = new ArrayList<>();
    for (int seq = 1; seq <= count; seq++) {
      expected.add(prefix + seq);
    }
    return expected;
  }

  private static boolean timelineHas(InstalledSite site, String kind) {
    return timelineHas(site, kind, "");
  }

  private static boolean timelineHas(InstalledSite site, String kind, String detail) {
    JsonNode events =
        site.tenant().admin().get("/api/v1/edge-sites/" + site.id() + "/events").json();
    return StreamSupport.stream(events.spliterator(), false)
        .anyMatch(
            event ->
                kind.equals(event.path("kind").asString())
                    && event.path("detail").asString().contains(detail));
  }

  private static List<String> conditionKinds(InstalledSite site) {
    return StreamSupport.stream(site.json().path("conditions").spliterator(), false)
        .map(condition -> condition.path("kind").asString())
        .toList();
  }

  private static void awaitUntil(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }
}
