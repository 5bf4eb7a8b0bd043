package com.serviceradar.edge.storeforward;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.leafconfig.LinkLiveness;
import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.testing.EdgeLab;
import com.serviceradar.edge.testing.Ingest;
import com.serviceradar.edge.testing.LeafLinks;
import com.serviceradar.edge.testing.LeafLinks.Kind;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NetworkNamespace;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's link to the hub flaps: cut twenty times in a row for a second or two, with no FIN
 * reaching either side, while a collector on the site's LAN keeps publishing acked messages to its
 * leaf. Sources across a leaf link may not resync after such a link (nats-server issues 7530 and
 * 7615; NATS-FACTS.md, "JetStream across the leaf link"), so the hub's source of the site is
 * watched as the control plane watches it and restarted when it stalls ({@link
 * StalledSourceRepair}). However many stalls there are, once the link stays up the hub's
 * EDGE_INGEST holds every acked message once, in publish order.
 *
 * <p>Both servers ping every second and give up after one unanswered ping, so most cuts tear the
 * link down and the leaf reconnects while shorter ones only hold TCP back. The schedule is random
 * from a fixed seed. Needs root and {@code ip netns}. Measured on a 2-core machine: seed 7530, 12
 * of 20 cuts ended the link, ~11,600 messages, EDGE_INGEST complete 0.6-3.6 s after the last heal;
 * seed 7615, 16 of 20, 13,207 messages, 0.8 s. No stall in any run (the watermark stood still at
 * most 3.1 s with the leaf answering), so no restart.
 */
@SuppressWarnings("try")
class FlappingLinkTest {

  private static final LinkLiveness HUB = new LinkLiveness(Duration.ofSeconds(1), 1);
  private static final LinkLiveness LEAF = new LinkLiveness(Duration.ofSeconds(1), 1);
  private static final int CUTS = 20;

  /** Another schedule: {@code -Dedge.flap.seed=N}. */
  private static final long SCHEDULE_SEED = Long.getLong("edge.flap.seed", 7530);

  /** The control plane waits a minute; here the stall window is short to keep the test lean. */
  private static final Duration STALL_AFTER = Duration.ofSeconds(5);

  private static final Duration CATCH_UP_BOUND = Duration.ofSeconds(45);
  private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(5);
  private static final UserPermissions COLLECTOR =
      UserPermissions.allow(CollectorSubjects.ALL, List.of(CollectorSubjects.INBOX));

  @TempDir Path dir;
  private NetworkNamespace network;
  private EdgeLab lab;

  @BeforeEach
  void createTheSiteNetwork() {
    Assumptions.assumeTrue(NetworkNamespace.available(), "needs root and ip netns");
    network = NetworkNamespace.create();
    lab =
        EdgeLab.create(dir, "", "acme")
            .withHubHost(network.hubAddress())
            .withLinkLiveness(HUB, LEAF);
  }

  @AfterEach
  void removeIt() {
    try {
      if (lab != null) {
        lab.close();
      }
    } finally {
      if (network != null) {
        network.close();
      }
    }
  }

  @Test
  void aLinkCutTwentyTimesInARowEndsWithEveryAckedMessageAtTheHubOnceAndInOrder() throws Exception {
    long testStarted = System.nanoTime();
    EdgeLab.Site site = lab.tenant("acme").siteBehind("nyc-office", network);
    lab.startHub();
    site.start();
    site.awaitLinked();
    try (Connection system = lab.system();
        LeafLinks links = LeafLinks.watch(system, account());
        Connection manager = manager()) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of(site.slug()));
      streams.ensureBuffer(site.slug(), BufferLimits.DEFAULT);

      long healed;
      List<String> acked;
      try (StalledSourceRepair repair =
              StalledSourceRepair.watch(
                  manager,
                  site.slug(),
                  STALL_AFTER,
                  Duration.ofMillis(500),
                  Duration.ofSeconds(2));
          Collector collector =
              Collector.start(site.connect(lab.tenant("acme").creds("snmp", COLLECTOR)))) {
        Duration cutFor = flap(new Random(SCHEDULE_SEED));
        healed = System.nanoTime();
        acked = collector.stop();
        List<LeafLinks.Event> linkEvents = links.drain();

        long total = Ingest.awaitCount(() -> Ingest.count(manager), acked.size(), CATCH_UP_BOUND);
        long caughtUp = millisSince(healed);
        List<String> ingested = Ingest.payloads(manager);

        System.out.printf(
            "BENCHMARK flapping link: %d cuts (seed %d, %d ms cut in all), hub saw %d DISCONNECT and %d"
                + " CONNECT; %d acked messages; EDGE_INGEST complete %d ms after the last heal"
                + " (bound %d ms); stall seen: %s (longest %d ms with the leaf answering and"
                + " messages waiting); source restarts: %d %s; test %d ms%n",
            CUTS,
            SCHEDULE_SEED,
            cutFor.toMillis(),
            count(linkEvents, Kind.DISCONNECT),
            count(linkEvents, Kind.CONNECT),
            acked.size(),
            caughtUp,
            CATCH_UP_BOUND.toMillis(),
            !repair.restarts().isEmpty(),
            repair.longestStall().toMillis(),
            repair.restarts().size(),
            describe(repair.restarts(), healed),
            millisSince(testStarted));

        assertThat(total).isEqualTo(acked.size());
        assertThat(ingested).containsExactlyElementsOf(acked);
      }
    }
  }

  @Test
  void aSourceThatStopsDeliveringWhileTheLeafIsConnectedIsRestartedAndDeliversEverythingOnce()
      throws Exception {
    EdgeLab.Site site = lab.tenant("acme").siteBehind("nyc-office", network);
    lab.startHub();
    site.start();
    site.awaitLinked();
    try (Connection manager = manager()) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of(site.slug()));
      streams.ensureBuffer(site.slug(), BufferLimits.DEFAULT);
      try (StalledSourceRepair repair =
              StalledSourceRepair.watch(
                  manager,
                  site.slug(),
                  STALL_AFTER,
                  Duration.ofMillis(500),
                  Duration.ofSeconds(2));
          Collector collector =
              Collector.start(site.connect(lab.tenant("acme").creds("snmp", COLLECTOR)))) {
        Thread.sleep(2_000);
        // A stall as the control plane sees one: the leaf answers, its buffer grows, and the
        // hub's watermark stands still (here because the hub's source of the site is gone).
        long stalled = System.nanoTime();
        OneRelay.source(streams, List.of());
        long deadline = stalled + STALL_AFTER.plusSeconds(15).toNanos();
        while (repair.restarts().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        Thread.sleep(1_000);
        List<String> acked = collector.stop();
        long total = Ingest.awaitCount(() -> Ingest.count(manager), acked.size(), CATCH_UP_BOUND);

        System.out.printf(
            "BENCHMARK stalled source: restarted %s ms after it stopped (stall window %d ms);"
                + " %d acked messages; restarts %s%n",
            repair.restarts().isEmpty()
                ? "never"
                : (repair.restarts().get(0).atNanos() - stalled) / 1_000_000,
            STALL_AFTER.toMillis(),
            acked.size(),
            describe(repair.restarts(), stalled));
        assertThat(repair.restarts()).hasSize(1);
        assertThat(total).isEqualTo(acked.size());
        assertThat(Ingest.payloads(manager)).containsExactlyElementsOf(acked);
      }
    }
  }

  /** Cuts the WAN {@value #CUTS} times, alternating silent drops and a pulled cable. */
  private Duration flap(Random schedule) throws InterruptedException {
    Duration cutInAll = Duration.ZERO;
    for (int cut = 1; cut <= CUTS; cut++) {
      Duration down = Duration.ofMillis(1_000 + schedule.nextInt(1_500));
      Duration up = Duration.ofMillis(1_000 + schedule.nextInt(1_000));
      boolean drop = cut % 2 == 1;
      if (drop) {
        network.dropWanPackets();
      } else {
        network.unplugWan();
      }
      Thread.sleep(down.toMillis());
      if (drop) {
        network.stopDroppingWanPackets();
      } else {
        network.plugWanBackIn();
      }
      cutInAll = cutInAll.plus(down);
      if (cut < CUTS) {
        Thread.sleep(up.toMillis());
      }
    }
    return cutInAll;
  }

  /**
   * An at-least-once collector on the site's LAN, publishing continuously on a thread of its own:
   * each message is resent with the same {@code Nats-Msg-Id} ({@code {site}/{collector}/{seq}})
   * until the leaf acks it, and counts as published once acked.
   */
  private static final class Collector implements AutoCloseable {
    private final Connection connection;
    private final Thread thread;
    private final List<String> acked = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private Collector(Connection connection) {
      this.connection = connection;
      this.thread = new Thread(this::publish, "collector");
    }

    static Collector start(Connection connection) {
      Collector collector = new Collector(connection);
      collector.thread.start();
      return collector;
    }

    private void publish() {
      JetStream js;
      try {
        js = connection.jetStream();
        for (long seq = 1; running; seq++) {
          String payload = "m" + seq;
          StoreAndForwardTest.publishUntilAcked(
              js, "nyc-office/snmp/" + seq, "events.snmp", payload);
          acked.add(payload);
          Thread.sleep(4);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        failure.set(e);
      }
    }

    /** Stops publishing; every message acked, in order. */
    List<String> stop() throws InterruptedException {
      running = false;
      thread.join(35_000);
      if (failure.get() != null) {
        throw new AssertionError("the collector failed", failure.get());
      }
      return List.copyOf(acked);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(35_000);
      connection.close();
    }
  }

  private static long count(List<LeafLinks.Event> events, Kind kind) {
    return events.stream().filter(event -> event.kind() == kind).count();
  }

  private static String describe(List<StalledSourceRepair.Restart> restarts, long healed) {
    return restarts.stream()
        .map(
            restart ->
                String.format(
                    "[%+d ms, watermark %d, %d waiting]",
                    (restart.atNanos() - healed) / 1_000_000,
                    restart.watermark(),
                    restart.undelivered()))
        .toList()
        .toString();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private String account() {
    return lab.tenant("acme").account().publicKey();
  }

  private Connection manager() throws Exception {
    return LocalNats.connect(
        lab.hubUrl(),
        lab.tenant("acme").creds("control-plane", StreamPermissions.streamManager()),
        null);
  }
}
