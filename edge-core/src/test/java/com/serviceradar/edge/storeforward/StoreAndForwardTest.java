package com.serviceradar.edge.storeforward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.bundle.Collector;
import com.serviceradar.edge.bundle.CollectorType;
import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.testing.EdgeLab;
import com.serviceradar.edge.testing.Ingest;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store-and-forward with real nats-server processes, configured as the control plane configures
 * them: a leaf keeps what its collectors publish while the hub is away, and the hub's EDGE_INGEST
 * gets all of it once, in order, when it is back (ARCHITECTURE.md, "Store-and-forward").
 */
@SuppressWarnings("try")
class StoreAndForwardTest {

  private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(5);
  private static final UserPermissions COLLECTOR =
      UserPermissions.allow(CollectorSubjects.ALL, List.of(CollectorSubjects.INBOX));

  @TempDir Path dir;
  private EdgeLab lab;

  @AfterEach
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void tenThousandAckedPublishesWhileTheHubIsDownArriveOnceInOrderDespiteALeafCrash()
      throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("acme", "nyc-office");
    lab.stopHub();

    try (Connection collector = site.connect(lab.tenant("acme").creds("snmp", COLLECTOR))) {
      JetStream js = collector.jetStream();
      for (int seq = 1; seq <= 10_000; seq++) {
        if (seq == 5_001) {
          site.leaf().kill();
          site.start();
        }
        publishUntilAcked(js, "nyc-office/snmp-1/" + seq, "events.snmp", "m" + seq);
      }
    }
    lab.startHub();

    try (Connection saas = manager("acme")) {
      assertThat(Ingest.awaitCount(() -> Ingest.count(saas), 10_000, Duration.ofSeconds(60)))
          .isEqualTo(10_000);
      assertThat(Ingest.payloads(saas))
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, 10_000).mapToObj(i -> "m" + i).toList());
    }
  }

  @Test
  void restartingTheSourceWhileTheBacklogIsBeingDeliveredNeitherLosesNorDuplicates()
      throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("acme", "nyc-office");
    lab.stopHub();
    List<String> expected = IntStream.rangeClosed(1, 5_000).mapToObj(i -> "m" + i).toList();
    try (Connection collector = site.connect(lab.tenant("acme").creds("snmp", COLLECTOR))) {
      JetStream js = collector.jetStream();
      for (int seq = 1; seq <= 5_000; seq++) {
        publishUntilAcked(js, "nyc-office/snmp-1/" + seq, "events.snmp", expected.get(seq - 1));
      }
    }
    long started = System.nanoTime();
    lab.startHub();

    try (Connection saas = manager("acme")) {
      TenantStreams streams = new TenantStreams(saas, STREAM_TIMEOUT);
      List<Long> restartedAt = new ArrayList<>();
      // Catch-up runs at tens of thousands of messages a second: watch closely to restart within
      // it.
      long seen = countAtLeast(saas, 1);
      do {
        streams.restartSource(0, RelaySource.fromStart(site.slug()));
        restartedAt.add(seen);
        seen = countAtLeast(saas, Math.min(seen + 250, 5_000));
      } while (restartedAt.size() < 3 && seen < 5_000);
      long total = Ingest.awaitCount(() -> Ingest.count(saas), 5_000, Duration.ofSeconds(60));
      System.out.printf(
          "BENCHMARK restartSource mid-catch-up: restarted at EDGE_INGEST counts %s; 5,000"
              + " messages in %d ms after the hub started%n",
          restartedAt, (System.nanoTime() - started) / 1_000_000);

      assertThat(restartedAt).isNotEmpty().allMatch(count -> count > 0);
      assertThat(total).isEqualTo(5_000);
      Thread.sleep(1_000); // nothing more arrives: no restart replayed what the hub held
      assertThat(Ingest.payloads(saas)).containsExactlyElementsOf(expected);
    }
  }

  /**
   * EDGE_INGEST's count once it reaches {@code expected}, polled every millisecond (30 s at most).
   */
  private static long countAtLeast(Connection hub, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long seen = Ingest.count(hub);
    while (seen < expected && System.nanoTime() < deadline) {
      Thread.sleep(1);
      seen = Ingest.count(hub);
    }
    return seen;
  }

  @Test
  void tenThousandCorePublishesWhileTheHubIsDownArriveOnceInOrder() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("acme", "nyc-office");
    lab.stopHub();

    try (Connection collector = site.connect(lab.tenant("acme").creds("syslog", COLLECTOR))) {
      for (int seq = 1; seq <= 10_000; seq++) {
        collector.publish("syslog.nyc", ("m" + seq).getBytes(UTF_8));
      }
      collector.flush(Duration.ofSeconds(5));
    }
    lab.startHub();

    try (Connection saas = manager("acme")) {
      assertThat(Ingest.awaitCount(() -> Ingest.count(saas), 10_000, Duration.ofSeconds(60)))
          .isEqualTo(10_000);
      assertThat(Ingest.payloads(saas))
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, 10_000).mapToObj(i -> "m" + i).toList());
    }
  }

  @Test
  void twoSitesBufferOnlyTheirOwnMessagesAndSaasDirectPublishesLandOnce() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site nyc = lab.tenant("acme").site("nyc-office");
    EdgeLab.Site lon = lab.tenant("acme").site("london");
    lab.startHub();
    nyc.start();
    lon.start();
    nyc.awaitLinked();
    lon.awaitLinked();
    try (Connection manager = manager("acme")) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of(nyc.slug(), lon.slug()));
      streams.ensureBuffer(nyc.slug(), BufferLimits.DEFAULT);
      streams.ensureBuffer(lon.slug(), BufferLimits.DEFAULT);
      String creds = lab.tenant("acme").creds("flowgger", COLLECTOR);
      try (Connection atNyc = nyc.connect(creds);
          Connection atLon = lon.connect(creds);
          Connection direct =
              com.serviceradar.edge.testing.LocalNats.connect(lab.hubUrl(), creds, null)) {
        for (int i = 1; i <= 100; i++) {
          publishUntilAcked(atNyc.jetStream(), "nyc-office/f/" + i, "logs.nyc", "nyc" + i);
          publishUntilAcked(atLon.jetStream(), "london/f/" + i, "logs.lon", "lon" + i);
          publishUntilAcked(direct.jetStream(), "saas/f/" + i, "logs.saas", "saas" + i);
        }
      }

      assertThat(Ingest.awaitCount(() -> Ingest.count(manager), 300, Duration.ofSeconds(30)))
          .isEqualTo(300);
      assertThat(streams.buffer(nyc.slug()).orElseThrow().messages()).isEqualTo(100);
      assertThat(streams.buffer(lon.slug()).orElseThrow().messages()).isEqualTo(100);
      List<String> ingested = Ingest.payloads(manager);
      assertThat(ingested).hasSize(300).doesNotHaveDuplicates();
      assertThat(ingested.stream().filter(p -> p.startsWith("saas"))).hasSize(100);
      Thread.sleep(1_000); // nothing more arrives: no copy came over the live link
      assertThat(Ingest.count(manager)).isEqualTo(300);
    }
  }

  @Test
  void twoTenantsWithASiteOfTheSameSlugNeverSeeEachOthersData() throws Exception {
    lab = EdgeLab.create(dir, "", "acme", "globex");
    EdgeLab.Site acme = lab.tenant("acme").site("nyc-office");
    EdgeLab.Site globex = lab.tenant("globex").site("nyc-office");
    lab.startHub();
    acme.start();
    globex.start();
    acme.awaitLinked();
    globex.awaitLinked();
    try (Connection acmeManager = manager("acme");
        Connection globexManager = manager("globex")) {
      for (Connection manager : List.of(acmeManager, globexManager)) {
        TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
        OneRelay.source(streams, List.of(acme.slug()));
        streams.ensureBuffer(acme.slug(), BufferLimits.DEFAULT);
      }
      try (Connection atAcme = acme.connect(lab.tenant("acme").creds("c", COLLECTOR));
          Connection atGlobex = globex.connect(lab.tenant("globex").creds("c", COLLECTOR))) {
        for (int i = 1; i <= 50; i++) {
          publishUntilAcked(atAcme.jetStream(), "acme/c/" + i, "events.x", "acme" + i);
          publishUntilAcked(atGlobex.jetStream(), "globex/c/" + i, "events.x", "globex" + i);
        }
      }

      assertThat(Ingest.awaitCount(() -> Ingest.count(acmeManager), 50, Duration.ofSeconds(30)))
          .isEqualTo(50);
      assertThat(Ingest.awaitCount(() -> Ingest.count(globexManager), 50, Duration.ofSeconds(30)))
          .isEqualTo(50);
      assertThat(Ingest.payloads(acmeManager)).allMatch(p -> p.startsWith("acme")).hasSize(50);
      assertThat(Ingest.payloads(globexManager)).allMatch(p -> p.startsWith("globex")).hasSize(50);
    }
  }

  @Test
  void aFullBufferRefusesPublishesAndDeliversEveryAckedMessage() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("acme", "nyc-office");
    try (Connection manager = manager("acme")) {
      new TenantStreams(manager, STREAM_TIMEOUT)
          .ensureBuffer(site.slug(), new BufferLimits(Duration.ofDays(1), BufferLimits.MIN_BYTES));
    }
    lab.stopHub();

    int acked = 0;
    JetStreamApiException refused = null;
    try (Connection collector = site.connect(lab.tenant("acme").creds("c", COLLECTOR))) {
      byte[] kilobyte = new byte[1024];
      for (int i = 1; i <= 200 && refused == null; i++) {
        try {
          collector.jetStream().publish("telemetry.x", kilobyte);
          acked++;
        } catch (JetStreamApiException e) {
          refused = e;
        }
      }
    }
    lab.startHub();

    assertThat(refused).isNotNull();
    assertThat(refused.getMessage()).contains("maximum bytes exceeded");
    assertThat(acked).isBetween(50, 64);
    try (Connection manager = manager("acme")) {
      int expected = acked;
      assertThat(Ingest.awaitCount(() -> Ingest.count(manager), expected, Duration.ofSeconds(30)))
          .isEqualTo(expected);
    }
  }

  @Test
  void removingASiteFromIngestStopsItsSourceAndKeepsWhatWasDelivered() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site nyc = lab.tenant("acme").site("nyc-office");
    EdgeLab.Site lon = lab.tenant("acme").site("london");
    lab.startHub();
    nyc.start();
    lon.start();
    nyc.awaitLinked();
    lon.awaitLinked();
    try (Connection manager = manager("acme")) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of(nyc.slug(), lon.slug()));
      streams.ensureBuffer(nyc.slug(), BufferLimits.DEFAULT);
      streams.ensureBuffer(lon.slug(), BufferLimits.DEFAULT);
      String creds = lab.tenant("acme").creds("c", COLLECTOR);
      try (Connection atNyc = nyc.connect(creds);
          Connection atLon = lon.connect(creds)) {
        for (int i = 1; i <= 20; i++) {
          publishUntilAcked(atNyc.jetStream(), "nyc-office/c/" + i, "events.a", "nyc" + i);
          publishUntilAcked(atLon.jetStream(), "london/c/" + i, "events.b", "lon" + i);
        }
        assertThat(Ingest.awaitCount(() -> Ingest.count(manager), 40, Duration.ofSeconds(30)))
            .isEqualTo(40);

        assertThat(OneRelay.source(streams, List.of(lon.slug())))
            .isEqualTo(TenantStreams.Applied.UPDATED);
        publishUntilAcked(atNyc.jetStream(), "nyc-office/c/21", "events.a", "nyc21");
        publishUntilAcked(atLon.jetStream(), "london/c/21", "events.b", "lon21");
      }

      assertThat(Ingest.awaitCount(() -> Ingest.count(manager), 41, Duration.ofSeconds(30)))
          .isEqualTo(41);
      Thread.sleep(1_000);
      assertThat(Ingest.payloads(manager))
          .hasSize(41)
          .contains("nyc20", "lon21")
          .doesNotContain("nyc21");
      assertThat(streams.relaySources(0)).containsOnlyKeys(EdgeStreams.sourceIndexName(lon.slug()));
    }
  }

  @Test
  void theDeliveryWatermarkIsExactAndTrimmingEmptiesTheBufferUpToIt() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("acme", "nyc-office");
    try (Connection manager = manager("acme");
        Connection collector = site.connect(lab.tenant("acme").creds("c", COLLECTOR))) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      IngestDeliveries deliveries = new IngestDeliveries(manager, STREAM_TIMEOUT, OneRelay.NAME);
      deliveries.ensureConsumer();
      for (int i = 1; i <= 500; i++) {
        publishUntilAcked(collector.jetStream(), "nyc-office/c/" + i, "netflow.x", "n" + i);
      }
      assertThat(Ingest.awaitCount(() -> Ingest.count(manager), 500, Duration.ofSeconds(30)))
          .isEqualTo(500);

      IngestDeliveries.Batch batch = deliveries.poll(1000, Duration.ofSeconds(2));
      batch.ack();
      Delivered delivered = batch.newest().get(EdgeStreams.sourceIndexName(site.slug()));
      BufferState before = streams.buffer(site.slug()).orElseThrow();
      streams.trimBuffer(site.slug(), delivered.sourceSeq());
      BufferState after = streams.buffer(site.slug()).orElseThrow();

      assertThat(batch.messages()).isEqualTo(500);
      assertThat(delivered.sourceSeq()).isEqualTo(500);
      assertThat(before.messages()).isEqualTo(500);
      assertThat(after.messages()).isZero();
      assertThat(after.lastSeq()).isEqualTo(500);
      assertThat(deliveries.poll(1000, Duration.ofMillis(300)).messages()).isZero();
    }
  }

  @Test
  void collectorsPublishingAsTheirPackagesSayAreAckedWhereTheirConfigSaysAndKeptApart()
      throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("acme", "nyc-office");
    UUID packageId = UUID.fromString("3b9e4c1d-7a2f-4e6b-8d05-9f1a2c3e4b5d");
    NatsUrl hub = NatsUrl.parse(lab.hubUrl());
    Collector atSite =
        new Collector(
            packageId,
            CollectorType.FLOWGGER,
            "f",
            Optional.of(site.slug()),
            NatsUrl.parse(site.localUrl()),
            hub);
    // The same package id without a site: only the site part of the message ids differs.
    Collector direct =
        new Collector(packageId, CollectorType.FLOWGGER, "f", Optional.empty(), hub, hub);
    String creds = lab.tenant("acme").creds("flowgger", COLLECTOR);

    try (Connection manager = manager("acme");
        Connection atLeaf = site.connect(creds);
        Connection atHub =
            com.serviceradar.edge.testing.LocalNats.connect(hub.toString(), creds, null)) {
      for (int seq = 1; seq <= 3; seq++) {
        PublishAck leafAck =
            publishUntilAcked(
                atLeaf.jetStream(), atSite.messageIdPrefix() + seq, "events.f", "site" + seq);
        PublishAck hubAck =
            publishUntilAcked(
                atHub.jetStream(), direct.messageIdPrefix() + seq, "events.f", "direct" + seq);

        assertThat(leafAck.getStream()).isEqualTo(atSite.ackingStream());
        assertThat(leafAck.getDomain()).isEqualTo(atSite.jetStreamDomain().value());
        assertThat(hubAck.getStream()).isEqualTo(direct.ackingStream());
        assertThat(hubAck.getDomain()).isEqualTo(direct.jetStreamDomain().value());
      }

      assertThat(Ingest.awaitCount(() -> Ingest.count(manager), 6, Duration.ofSeconds(30)))
          .isEqualTo(6);
      assertThat(Ingest.payloads(manager))
          .containsExactlyInAnyOrder("site1", "site2", "site3", "direct1", "direct2", "direct3");
    }
  }

  private EdgeLab.Site startSiteWithStreams(String tenant, String siteSlug) throws Exception {
    EdgeLab.Site site = lab.tenant(tenant).site(siteSlug);
    lab.startHub();
    site.start();
    site.awaitLinked();
    try (Connection manager = manager(tenant)) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of(site.slug()));
      assertThat(streams.ensureBuffer(site.slug(), BufferLimits.DEFAULT))
          .isEqualTo(TenantStreams.Applied.CREATED);
    }
    return site;
  }

  private Connection manager(String tenant) throws IOException, InterruptedException {
    return com.serviceradar.edge.testing.LocalNats.connect(
        lab.hubUrl(),
        lab.tenant(tenant).creds("control-plane", StreamPermissions.streamManager()),
        null);
  }

  /** An at-least-once collector: resends with the same Nats-Msg-Id until the leaf acks. */
  static PublishAck publishUntilAcked(JetStream js, String msgId, String subject, String payload)
      throws InterruptedException {
    Headers headers = new Headers().put("Nats-Msg-Id", msgId);
    Message message =
        NatsMessage.builder().subject(subject).headers(headers).data(payload, UTF_8).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return js.publish(message);
      } catch (IOException | JetStreamApiException | IllegalStateException retry) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no ack for " + msgId, retry);
        }
        Thread.sleep(50);
      }
    }
  }
}
