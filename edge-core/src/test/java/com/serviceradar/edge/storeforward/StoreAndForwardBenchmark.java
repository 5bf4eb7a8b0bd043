package com.serviceradar.edge.storeforward;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.testing.EdgeLab;
import com.serviceradar.edge.testing.Ingest;
import com.serviceradar.edge.testing.LocalNats;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark harness, not a test (surefire's default includes skip it): run one method on request
 * with {@code mvn -B -pl edge-core test -Dtest='StoreAndForwardBenchmark#method'
 * -Dsurefire.failIfNoSpecifiedTests=false}; it prints its figures as lines starting {@code
 * BENCHMARK} in {@code edge-core/target/surefire-reports/*StoreAndForwardBenchmark-output.txt} and
 * asserts only that the run was complete. Real nats-server processes (hub and leafs in operator
 * mode with TLS on the link, rendered by {@link EdgeLab} exactly as the control plane renders
 * them), streams made by {@link TenantStreams}; the figures feed BENCHMARKS.md ([E8]).
 *
 * <p>Sizes can be changed with system properties: {@code bench.messages} (default 100,000), {@code
 * bench.leafs} (30), {@code bench.backlog} (1,000 per leaf), {@code bench.sources} (1,000), {@code
 * bench.ingestFill} (1,000,000).
 */
@SuppressWarnings("try")
class StoreAndForwardBenchmark {

  private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(10);
  private static final UserPermissions COLLECTOR =
      UserPermissions.allow(CollectorSubjects.ALL, List.of(CollectorSubjects.INBOX));
  private static final int PAYLOAD_BYTES = 200;
  private static final int WINDOW = 1_000;
  private static final int MESSAGES = Integer.getInteger("bench.messages", 100_000);
  private static final int LEAFS = Integer.getInteger("bench.leafs", 30);
  private static final int BACKLOG = Integer.getInteger("bench.backlog", 1_000);
  private static final int SOURCES = Integer.getInteger("bench.sources", 1_000);
  private static final int INGEST_FILL = Integer.getInteger("bench.ingestFill", 1_000_000);

  @TempDir Path dir;
  private EdgeLab lab;

  @AfterEach
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  /**
   * [E8] 1: a collector's JetStream-acked publish at the leaf (with a Nats-Msg-Id) until a consumer
   * at the hub sees it in EDGE_INGEST, link up. First one message at a time (the next is sent once
   * the previous arrived), then at a steady 200 messages/s. Same host, same clocks.
   */
  @Test
  void publishToIngestLatency() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("nyc-office");
    int count = 2_000;
    try (Connection collector = site.connect(creds("snmp", COLLECTOR));
        Connection reader = hubConnection(creds("saas", StreamPermissions.ingestReader()))) {
      JetStream js = collector.jetStream();
      JetStreamSubscription seen = newMessagesOfIngest(reader);
      long[] acked = new long[count];
      long[] stored = new long[count];
      long[] delivered = new long[count];
      for (int i = -200; i < count; i++) {
        long sentNanos = System.nanoTime();
        Instant sentAt = Instant.now();
        js.publish(message("events.bench", "nyc-office/lat/" + i, payload(i, sentNanos)));
        long ackedNanos = System.nanoTime();
        Message message = seen.nextMessage(Duration.ofSeconds(10));
        long seenNanos = System.nanoTime();
        if (message == null || !new String(message.getData(), UTF_8).startsWith(i + ";")) {
          throw new AssertionError("message " + i + " did not arrive in order: " + message);
        }
        if (i >= 0) {
          acked[i] = ackedNanos - sentNanos;
          delivered[i] = seenNanos - sentNanos;
          stored[i] =
              Duration.between(sentAt, message.metaData().timestamp().toInstant()).toNanos();
        }
      }
      report("latency one-at-a-time: publish -> leaf ack", acked);
      report("latency one-at-a-time: publish -> stored in EDGE_INGEST (its timestamp)", stored);
      report("latency one-at-a-time: publish -> seen by a push consumer at the hub", delivered);
      seen.unsubscribe();

      steadyRate(js, reader, count, 200);
    }
  }

  private static void steadyRate(JetStream js, Connection reader, int count, int perSecond)
      throws Exception {
    JetStreamSubscription seen = newMessagesOfIngest(reader);
    long[] delivered = new long[count];
    long[] stored = new long[count];
    Thread consumer =
        new Thread(
            () -> {
              try {
                for (int n = 0; n < count; n++) {
                  Message message = seen.nextMessage(Duration.ofSeconds(10));
                  long seenNanos = System.nanoTime();
                  if (message == null) {
                    return;
                  }
                  String[] fields = new String(message.getData(), UTF_8).split(";");
                  int i = Integer.parseInt(fields[0].substring(1));
                  delivered[i] = seenNanos - Long.parseLong(fields[1]);
                  stored[i] =
                      Duration.between(
                              Instant.ofEpochSecond(0, Long.parseLong(fields[2]) * 1_000),
                              message.metaData().timestamp().toInstant())
                          .toNanos();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "steady-consumer");
    consumer.start();
    long intervalNanos = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * intervalNanos;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
        if (due - System.nanoTime() > 1_000_000) {
          Thread.sleep(0, 500_000);
        }
      }
      long sentNanos = System.nanoTime();
      Instant sentAt = Instant.now();
      String stamped =
          "s"
              + i
              + ";"
              + sentNanos
              + ";"
              + (sentAt.getEpochSecond() * 1_000_000 + sentAt.getNano() / 1_000)
              + ";";
      js.publish(message("events.bench", "nyc-office/steady/" + i, pad(stamped)));
    }
    consumer.join(30_000);
    if (Arrays.stream(delivered).anyMatch(nanos -> nanos == 0)) {
      throw new AssertionError("not every steady-rate message arrived");
    }
    report("latency at " + perSecond + " msg/s: publish -> stored in EDGE_INGEST", stored);
    report("latency at " + perSecond + " msg/s: publish -> seen by a push consumer", delivered);
  }

  /**
   * [E8] 2: the hub is down while a collector gets 100,000 acked publishes (200 bytes) into the
   * leaf's EDGE_BUFFER; then the hub starts. How long until EDGE_INGEST holds them all, from the
   * hub's start and from the leaf's link coming up.
   */
  @Test
  void catchUpOfAHundredThousandMessageBacklog() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site site = startSiteWithStreams("nyc-office");
    lab.stopHub();
    try (Connection collector = site.connect(creds("snmp", COLLECTOR))) {
      long start = System.nanoTime();
      long failed = publishAsync(collector.jetStream(), "nyc-office/backlog/", MESSAGES, WINDOW);
      bench(
          "catch-up: %,d acked async publishes buffered at the leaf (hub down) in %.2f s, %d failed",
          MESSAGES, seconds(start), failed);
    }

    Map<Integer, Long> linked = new ConcurrentHashMap<>();
    try (LinkWatch watch = new LinkWatch(List.of(site.config().monitoringPort()), linked)) {
      long hubStart = System.nanoTime();
      lab.startHub();
      long listening = System.nanoTime();
      try (Connection manager = hubConnection(managerCreds())) {
        CatchUp catchUp = awaitIngest(manager, MESSAGES, hubStart, Duration.ofMinutes(5));
        long linkUp = linked.getOrDefault(site.config().monitoringPort(), 0L);
        bench(
            "catch-up: hub listening %.0f ms after start; link up at %.0f ms; first message in"
                + " EDGE_INGEST at %.0f ms; all %,d at %.0f ms",
            millis(listening - hubStart),
            millis(linkUp - hubStart),
            millis(catchUp.firstAt - hubStart),
            catchUp.count,
            millis(catchUp.doneAt - hubStart));
        bench(
            "catch-up: %.2f s from hub start, %.2f s from link up, %.2f s from first message;"
                + " %,.0f msg/s from link up, %,.0f msg/s from first message",
            (catchUp.doneAt - hubStart) / 1e9,
            (catchUp.doneAt - linkUp) / 1e9,
            (catchUp.doneAt - catchUp.firstAt) / 1e9,
            MESSAGES / ((catchUp.doneAt - linkUp) / 1e9),
            MESSAGES / ((catchUp.doneAt - catchUp.firstAt) / 1e9));
        Thread.sleep(2_000);
        bench("catch-up: EDGE_INGEST holds %,d two seconds later", Ingest.count(manager));
        if (catchUp.count != MESSAGES || Ingest.count(manager) != MESSAGES) {
          throw new AssertionError("EDGE_INGEST did not get exactly the backlog");
        }
      }
    }
  }

  /**
   * [E8] 3: what buffering costs a collector publishing at its leaf, hub stopped (pure leaf cost),
   * side by side in two rounds: (a) core publishes on a leaf without EDGE_BUFFER, (b) core
   * publishes captured by EDGE_BUFFER (also until stored), (c) synchronous acked publishes, (d)
   * async acked publishes with 1,000 in flight. Same 200-byte payload; (c) and (d) carry a
   * Nats-Msg-Id as the collectors' packages say.
   */
  @Test
  void costOfBufferingAtTheLeaf() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    EdgeLab.Site plain = lab.tenant("acme").site("plain");
    EdgeLab.Site buffered = lab.tenant("acme").site("buffered");
    lab.startHub();
    plain.start();
    buffered.start();
    plain.awaitLinked();
    buffered.awaitLinked();
    try (Connection manager = hubConnection(managerCreds())) {
      new TenantStreams(manager, STREAM_TIMEOUT)
          .ensureBuffer(buffered.slug(), BufferLimits.DEFAULT);
    }
    lab.stopHub();

    try (Connection atPlain = plain.connect(creds("c", COLLECTOR));
        Connection atBuffered = buffered.connect(creds("c", COLLECTOR));
        Connection localManager = buffered.connect(managerCreds())) {
      JetStreamManagement leafStreams = localManager.jetStreamManagement();
      byte[] payload = pad("x;");
      // Round 0 warms up the JVM and both servers with a fifth of the messages.
      for (int round = 0; round <= 2; round++) {
        int count = round == 0 ? MESSAGES / 5 : MESSAGES;
        long start = System.nanoTime();
        corePublish(atPlain, count, payload);
        benchRate(round, "(a) core publish, no stream on the leaf", count, start);

        leafStreams.purgeStream(EdgeStreams.BUFFER);
        start = System.nanoTime();
        corePublish(atBuffered, count, payload);
        benchRate(round, "(b) core publish into EDGE_BUFFER, until flushed", count, start);
        long stored = awaitStored(leafStreams, count);
        bench(
            "leaf-cost round %s: (b) core publish into EDGE_BUFFER, until stored: %,.0f msg/s"
                + " (%,d of %,d stored in %.2f s)",
            roundLabel(round), stored / seconds(start), stored, count, seconds(start));

        leafStreams.purgeStream(EdgeStreams.BUFFER);
        JetStream js = atBuffered.jetStream();
        start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          js.publish(message("events.bench", "buffered/sync-" + round + "/" + i, payload));
        }
        benchRate(round, "(c) JetStream publish, synchronous", count, start);

        leafStreams.purgeStream(EdgeStreams.BUFFER);
        start = System.nanoTime();
        long failed = publishAsync(js, "buffered/async-" + round + "/", count, WINDOW);
        benchRate(round, "(d) JetStream publishAsync, " + WINDOW + " in flight", count, start);
        if (failed > 0) {
          throw new AssertionError(failed + " async publishes failed");
        }
        bench(
            "leaf-cost round %s: EDGE_BUFFER holds %,d after (d)",
            roundLabel(round),
            leafStreams.getStreamInfo(EdgeStreams.BUFFER).getStreamState().getMsgCount());
      }
    }
  }

  /**
   * [E8] 4a: one EDGE_INGEST listing 1,000 sites' buffers, none of their leafs connected (so each
   * source's set-up request times out and is retried every 5 s). Time to add the sources one update
   * at a time as the control plane does, config and info sizes, the hub's memory and idle CPU
   * against the same hub with no sources, then what a full stream does to adding a source (and to
   * publishes into the stream meanwhile) and to a hub restart: nats-server 2.9.10 scans the stream
   * backwards for a new source's last message, and at start until it found every source's.
   */
  @Test
  void aThousandSourcesInOneIngestStream() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    lab.startHub();
    List<SiteSlug> sites = slugs(SOURCES);
    try (Connection manager = hubConnection(managerCreds())) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of());
      Thread.sleep(2_000);
      hubHealth(manager, "no sources");

      long[] adds = new long[sites.size()];
      long start = System.nanoTime();
      for (int k = 1; k <= sites.size(); k++) {
        long before = System.nanoTime();
        OneRelay.source(streams, sites.subList(0, k));
        adds[k - 1] = System.nanoTime() - before;
      }
      double total = seconds(start);
      report("sources: add one source (info + update, N = 1.." + sites.size() + ")", adds);
      report(
          "sources: add one source, the last 100 (N = " + (sites.size() - 99) + ".." + ")",
          Arrays.copyOfRange(adds, sites.size() - 100, sites.size()));
      bench("sources: %,d sources added one update at a time in %.1f s", sites.size(), total);
      bench(
          "sources: config JSON %,d bytes with %,d sources (slugs like %s); with 63-character slugs"
              + " %,d bytes",
          EdgeStreams.relay(0, sites.stream().map(RelaySource::fromStart).toList())
              .toJson()
              .length(),
          sites.size(),
          sites.get(0),
          EdgeStreams.relay(
                  0, longSlugs(sites.size()).stream().map(RelaySource::fromStart).toList())
              .toJson()
              .length(),
          sites.size());
      bench(
          "sources: STREAM.INFO reply %,d bytes",
          manager
              .request("$JS.API.STREAM.INFO." + EdgeStreams.INGEST, new byte[0], STREAM_TIMEOUT)
              .getData()
              .length);
      Thread.sleep(10_000);
      hubHealth(manager, sites.size() + " sources, none connected");
      bench("sources: source errors after idling: %s", sourceErrors(streams));

      List<SiteSlug> oneMore = new ArrayList<>(sites);
      oneMore.add(SiteSlug.of("one-more-site"));
      int filled = 0;
      for (int target : new int[] {INGEST_FILL / 10, INGEST_FILL * 3 / 10, INGEST_FILL}) {
        fillIngest(filled, target - filled);
        filled = target;
        long[] fullAdds = new long[3];
        try (PublishProbe probe = new PublishProbe(hubConnection(creds("saas-probe", COLLECTOR)))) {
          for (int i = 0; i < fullAdds.length; i++) {
            long before = System.nanoTime();
            OneRelay.source(streams, oneMore);
            fullAdds[i] = System.nanoTime() - before;
            OneRelay.source(streams, sites);
            Thread.sleep(500);
          }
          report(
              "sources: add source " + oneMore.size() + " to EDGE_INGEST holding " + filled,
              fullAdds);
          report(
              "sources: meanwhile, acked publishes at the hub into EDGE_INGEST (one every 10 ms)",
              probe.latencies());
        }
      }
      bench(
          "sources: hub RSS with %,d messages held: %,d KiB",
          INGEST_FILL, ProcStats.rssKib(hubPid()));
    }
    hubRestart(sites.size() + " sources, " + INGEST_FILL + " messages");
    try (Connection manager = hubConnection(managerCreds())) {
      OneRelay.source(new TenantStreams(manager, STREAM_TIMEOUT), List.of());
    }
    hubRestart("no sources, " + INGEST_FILL + " messages");
  }

  /**
   * [E8] 4b: catch-up of real leafs of one tenant after a hub outage, each with a backlog, with
   * EDGE_INGEST listing only them, then also listing sources up to 1,000 whose leafs are not
   * connected, then only them again. Also the leafs' and the hub's CPU while idle in each case.
   */
  @Test
  void catchUpOfManyLeafsWithAThousandSources() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    List<SiteSlug> all = slugs(SOURCES);
    List<EdgeLab.Site> sites = new ArrayList<>();
    for (SiteSlug slug : all.subList(0, LEAFS)) {
      sites.add(lab.tenant("acme").site(slug.value()));
    }
    List<SiteSlug> real = sites.stream().map(EdgeLab.Site::slug).toList();
    lab.startHub();
    long start = System.nanoTime();
    for (EdgeLab.Site site : sites) {
      site.start();
    }
    for (EdgeLab.Site site : sites) {
      site.awaitLinked();
    }
    bench("many-leafs: %d leafs started and linked in %.1f s", LEAFS, seconds(start));
    try (Connection manager = hubConnection(managerCreds())) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, real);
      for (SiteSlug slug : real) {
        streams.ensureBuffer(slug, BufferLimits.DEFAULT);
      }
    }
    List<Connection> collectors = new ArrayList<>();
    try {
      for (EdgeLab.Site site : sites) {
        collectors.add(site.connect(creds("c", COLLECTOR)));
      }
      long expected = 0;
      String[] phases = {"A", "B", "C"};
      for (String phase : phases) {
        List<SiteSlug> listed = phase.equals("B") ? all : real;
        String label = "phase " + phase + " (" + listed.size() + " sources listed)";
        try (Connection manager = hubConnection(managerCreds())) {
          // Each new source makes nats-server 2.9.10 scan EDGE_INGEST backwards for its last
          // message: give this one update far more than the control plane's 5 s.
          long before = System.nanoTime();
          OneRelay.source(new TenantStreams(manager, Duration.ofMinutes(5)), listed);
          bench(
              "many-leafs %s: EDGE_INGEST (holding %,d) updated in one request in %.0f ms",
              label, expected, millis(System.nanoTime() - before));
        }
        Thread.sleep(6_000);
        idleCpu(sites, label);

        lab.stopHub();
        start = System.nanoTime();
        for (int s = 0; s < sites.size(); s++) {
          publishAsync(
              collectors.get(s).jetStream(),
              real.get(s) + "/" + phase + "/",
              BACKLOG,
              Math.min(WINDOW, BACKLOG));
        }
        expected += (long) LEAFS * BACKLOG;
        bench(
            "many-leafs %s: %,d messages buffered on %d leafs (hub down) in %.1f s",
            label, (long) LEAFS * BACKLOG, LEAFS, seconds(start));

        Map<Integer, Long> linked = new ConcurrentHashMap<>();
        try (LinkWatch watch =
            new LinkWatch(
                sites.stream().map(site -> site.config().monitoringPort()).toList(), linked)) {
          long hubStart = System.nanoTime();
          lab.startHub();
          try (Connection manager = hubConnection(managerCreds())) {
            CatchUp catchUp = awaitIngest(manager, expected, hubStart, Duration.ofMinutes(3));
            long lastLink = linked.values().stream().mapToLong(Long::longValue).max().orElse(0);
            long firstLink = linked.values().stream().mapToLong(Long::longValue).min().orElse(0);
            bench(
                "many-leafs %s: %d of %d links up at %.0f..%.0f ms; first message at %.0f ms;"
                    + " all %,d backlogs (%,d in EDGE_INGEST) at %.0f ms after hub start, %.2f s"
                    + " after the last link came up",
                label,
                linked.size(),
                LEAFS,
                millis(firstLink - hubStart),
                millis(lastLink - hubStart),
                millis(catchUp.firstAt - hubStart),
                (long) LEAFS * BACKLOG,
                catchUp.count,
                millis(catchUp.doneAt - hubStart),
                (catchUp.doneAt - lastLink) / 1e9);
            if (catchUp.count != expected) {
              throw new AssertionError("EDGE_INGEST holds " + catchUp.count + " of " + expected);
            }
          }
        }
      }
    } finally {
      for (Connection collector : collectors) {
        collector.close();
      }
    }
  }

  // --- the lab -------------------------------------------------------------------------------

  private EdgeLab.Site startSiteWithStreams(String siteSlug) throws Exception {
    EdgeLab.Site site = lab.tenant("acme").site(siteSlug);
    lab.startHub();
    site.start();
    site.awaitLinked();
    try (Connection manager = hubConnection(managerCreds())) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of(site.slug()));
      streams.ensureBuffer(site.slug(), BufferLimits.DEFAULT);
    }
    return site;
  }

  private String creds(String name, UserPermissions permissions) {
    return lab.tenant("acme").creds(name, permissions);
  }

  private String managerCreds() {
    return creds("control-plane", StreamPermissions.streamManager());
  }

  private Connection hubConnection(String creds) throws IOException, InterruptedException {
    return LocalNats.connect(lab.hubUrl(), creds, null);
  }

  private long hubPid() {
    return lab.hub().pid();
  }

  private static List<SiteSlug> slugs(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> SiteSlug.of(String.format("branch-office-%04d", i)))
        .toList();
  }

  private static List<SiteSlug> longSlugs(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> SiteSlug.of(String.format("%s-%04d", "s".repeat(58), i)))
        .toList();
  }

  // --- publishing ------------------------------------------------------------------------------

  static Message message(String subject, String msgId, byte[] data) {
    return NatsMessage.builder()
        .subject(subject)
        .headers(new Headers().put("Nats-Msg-Id", msgId))
        .data(data)
        .build();
  }

  private static byte[] payload(int i, long sentNanos) {
    return pad(i + ";" + sentNanos + ";");
  }

  static byte[] pad(String text) {
    byte[] payload = new byte[PAYLOAD_BYTES];
    Arrays.fill(payload, (byte) 'x');
    byte[] head = text.getBytes(UTF_8);
    System.arraycopy(head, 0, payload, 0, head.length);
    return payload;
  }

  /** Async acked publishes with at most {@code window} in flight; the number that failed. */
  static long publishAsync(JetStream js, String idPrefix, int count, int window)
      throws InterruptedException {
    Semaphore inFlight = new Semaphore(window);
    AtomicLong failed = new AtomicLong();
    byte[] payload = pad("x;");
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      js.publishAsync(message("events.bench", idPrefix + i, payload))
          .whenComplete(
              (ack, error) -> {
                if (error != null) {
                  failed.incrementAndGet();
                }
                inFlight.release();
              });
    }
    inFlight.acquire(window);
    inFlight.release(window);
    return failed.get();
  }

  private static void corePublish(Connection connection, int count, byte[] payload)
      throws Exception {
    for (int i = 0; i < count; i++) {
      connection.publish("events.bench", payload);
    }
    connection.flush(Duration.ofSeconds(30));
  }

  /** Waits until EDGE_BUFFER has held {@code count} messages, or stops growing for 5 s. */
  private static long awaitStored(JetStreamManagement leaf, long count) throws Exception {
    long stored = 0;
    long lastChange = System.nanoTime();
    while (stored < count && System.nanoTime() - lastChange < 5_000_000_000L) {
      long now = leaf.getStreamInfo(EdgeStreams.BUFFER).getStreamState().getMsgCount();
      if (now != stored) {
        stored = now;
        lastChange = System.nanoTime();
      }
      if (stored < count) {
        Thread.sleep(5);
      }
    }
    return stored;
  }

  /** Publishes {@code count} acked messages at the hub straight into EDGE_INGEST. */
  private void fillIngest(int from, int count) throws Exception {
    try (Connection direct = hubConnection(creds("saas-direct", COLLECTOR))) {
      long start = System.nanoTime();
      long failed = publishAsync(direct.jetStream(), "saas/fill-" + from + "/", count, WINDOW);
      bench(
          "sources: %,d more SaaS-direct messages into EDGE_INGEST in %.1f s (%d failed)",
          count, seconds(start), failed);
    }
  }

  private static JetStreamSubscription newMessagesOfIngest(Connection reader) throws Exception {
    return reader
        .jetStream()
        .subscribe(
            null,
            PushSubscribeOptions.builder().stream(EdgeStreams.INGEST)
                .configuration(
                    ConsumerConfiguration.builder()
                        .deliverPolicy(DeliverPolicy.New)
                        .ackPolicy(AckPolicy.None)
                        .build())
                .build());
  }

  // --- observing ------------------------------------------------------------------------------

  private record CatchUp(long count, long firstAt, long doneAt) {}

  private static CatchUp awaitIngest(
      Connection manager, long expected, long since, Duration timeout) throws Exception {
    long initial = -1;
    long firstAt = 0;
    long count = -1;
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextProgress = since + 1_000_000_000L;
    StringBuilder progress = new StringBuilder();
    while (System.nanoTime() < deadline) {
      count = Ingest.count(manager);
      long now = System.nanoTime();
      if (count >= 0 && initial < 0) {
        initial = count;
      }
      if (firstAt == 0 && initial >= 0 && count > initial) {
        firstAt = now;
      }
      if (now >= nextProgress) {
        progress.append(String.format(" %.0fs:%d", (now - since) / 1e9, count));
        nextProgress += 1_000_000_000L;
      }
      if (count >= expected) {
        bench("progress (s since hub start: messages in EDGE_INGEST):%s", progress);
        return new CatchUp(count, firstAt, now);
      }
      Thread.sleep(20);
    }
    bench("progress (s since hub start: messages in EDGE_INGEST):%s", progress);
    throw new AssertionError("EDGE_INGEST holds " + count + " of " + expected + " in time");
  }

  /** The hub's memory, idle CPU over 30 s and JetStream API round trips, with what it holds now. */
  private void hubHealth(Connection manager, String label) throws Exception {
    long pid = hubPid();
    long logBefore = lab.hub().log().length();
    long ticks = ProcStats.cpuTicks(pid);
    long start = System.nanoTime();
    Thread.sleep(30_000);
    double cpuSeconds = (ProcStats.cpuTicks(pid) - ticks) / 100.0;
    double wall = seconds(start);
    bench(
        "hub health, %s: RSS %,d KiB; idle CPU %.2f s over %.1f s = %.1f%% of one core; log grew"
            + " %,d bytes",
        label,
        ProcStats.rssKib(pid),
        cpuSeconds,
        wall,
        100 * cpuSeconds / wall,
        lab.hub().log().length() - logBefore);
    long[] rtt = new long[200];
    for (int i = 0; i < rtt.length; i++) {
      long before = System.nanoTime();
      manager.request("$JS.API.INFO", new byte[0], STREAM_TIMEOUT);
      rtt[i] = System.nanoTime() - before;
    }
    report("hub health, " + label + ": $JS.API.INFO round trip", rtt);
  }

  /** Hub and leaf CPU while idle, and the interest changes one leaf receives (its /subsz). */
  private void idleCpu(List<EdgeLab.Site> sites, String label) throws Exception {
    int monitoring = sites.get(0).config().monitoringPort();
    long inserts = subsz(monitoring, "num_inserts");
    long removes = subsz(monitoring, "num_removes");
    long hub = ProcStats.cpuTicks(hubPid());
    long leafs = 0;
    for (EdgeLab.Site site : sites) {
      leafs += ProcStats.cpuTicks(site.leaf().pid());
    }
    long start = System.nanoTime();
    Thread.sleep(15_000);
    double wall = seconds(start);
    long leafsAfter = 0;
    for (EdgeLab.Site site : sites) {
      leafsAfter += ProcStats.cpuTicks(site.leaf().pid());
    }
    double hubCpu = (ProcStats.cpuTicks(hubPid()) - hub) / 100.0;
    double leafCpu = (leafsAfter - leafs) / 100.0;
    bench(
        "many-leafs %s: idle over %.1f s: hub CPU %.2f s (%.1f%% of one core, RSS %,d KiB);"
            + " %d leafs CPU %.2f s together (%.2f%% of one core each); one leaf's"
            + " subscription inserts %.0f/s, removes %.0f/s",
        label,
        wall,
        hubCpu,
        100 * hubCpu / wall,
        ProcStats.rssKib(hubPid()),
        sites.size(),
        leafCpu,
        100 * leafCpu / wall / sites.size(),
        (subsz(monitoring, "num_inserts") - inserts) / wall,
        (subsz(monitoring, "num_removes") - removes) / wall);
  }

  private static long subsz(int monitoringPort, String field) throws InterruptedException {
    String body = LocalNats.httpGet("http://127.0.0.1:" + monitoringPort + "/subsz");
    Matcher matcher = Pattern.compile("\"" + field + "\":\\s*(\\d+)").matcher(body);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }

  private void hubRestart(String label) throws Exception {
    lab.stopHub();
    long start = System.nanoTime();
    lab.startHub();
    long listening = System.nanoTime();
    try (Connection manager = hubConnection(managerCreds())) {
      long answered = 0;
      while (answered == 0 && System.nanoTime() - start < 120_000_000_000L) {
        if (Ingest.count(manager) >= 0) {
          answered = System.nanoTime();
        } else {
          Thread.sleep(10);
        }
      }
      bench(
          "hub restart, %s: listening after %.0f ms, EDGE_INGEST info answered after %.0f ms; RSS"
              + " %,d KiB",
          label, millis(listening - start), millis(answered - start), ProcStats.rssKib(hubPid()));
    }
  }

  private static String sourceErrors(TenantStreams streams) throws Exception {
    Map<String, Long> errors = new TreeMap<>();
    for (SourceState state : streams.relaySources(0).values()) {
      errors.merge(state.error().orElse("none"), 1L, Long::sum);
    }
    return errors.toString();
  }

  // --- reporting ------------------------------------------------------------------------------

  static void report(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    bench(
        "%s: n=%d median %.2f ms, p99 %.2f ms, max %.2f ms, min %.2f ms",
        what,
        sorted.length,
        percentile(sorted, 50) / 1e6,
        percentile(sorted, 99) / 1e6,
        sorted[sorted.length - 1] / 1e6,
        sorted[0] / 1e6);
  }

  private static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static void benchRate(int round, String what, int count, long start) {
    double seconds = seconds(start);
    bench(
        "leaf-cost round %s: %s: %,.0f msg/s (%,d in %.2f s)",
        roundLabel(round), what, count / seconds, count, seconds);
  }

  private static String roundLabel(int round) {
    return round == 0 ? "0 (warm-up)" : String.valueOf(round);
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  static void bench(String format, Object... args) {
    System.out.println("BENCHMARK " + String.format(format, args));
  }
}
