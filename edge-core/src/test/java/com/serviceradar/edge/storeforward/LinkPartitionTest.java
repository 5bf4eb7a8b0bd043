package com.serviceradar.edge.storeforward;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.leafconfig.LinkLiveness;
import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.testing.EdgeLab;
import com.serviceradar.edge.testing.Ingest;
import com.serviceradar.edge.testing.LeafLinks;
import com.serviceradar.edge.testing.LeafLinks.Event;
import com.serviceradar.edge.testing.LeafLinks.Kind;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NetworkNamespace;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link between a site and the hub is cut while both servers stay up, with no FIN reaching
 * either side: the site's leaf runs in a network namespace of its own and its WAN is cut by
 * dropping every packet or by taking the interface down, while its collectors (this JVM, on the
 * site's LAN) keep publishing to it. The hub reports the site disconnected as the control plane's
 * monitor sees it ({@code $SYS.ACCOUNT.<account>.DISCONNECT}), and when the link heals the hub's
 * EDGE_INGEST gets everything published meanwhile, once and in order.
 *
 * <p>The servers run the shipped ping settings' shape ({@link LinkLiveness#HUB_DEFAULT}, {@link
 * LinkLiveness#LEAF_DEFAULT}) at a tenth of the interval, so a partition is noticed in seconds.
 * Needs root and {@code ip netns}.
 */
@SuppressWarnings("try")
class LinkPartitionTest {

  private static final LinkLiveness HUB = new LinkLiveness(Duration.ofSeconds(2), 1);
  private static final LinkLiveness LEAF = new LinkLiveness(Duration.ofSeconds(2), 3);

  /**
   * On top of the hub's bound of 3 × ping_interval: Go's timer firing late and re-arming, the
   * event's way to our subscriber, and this JVM stamping it on a machine shared with other tests.
   * Starting the clock before the cut command runs only makes the measured time longer.
   */
  private static final Duration SLACK = Duration.ofMillis(500);

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
  void aSilentPartitionShowsTheSiteDisconnectedWithinThreePingIntervalsAndConnectedWhenItHeals()
      throws Exception {
    EdgeLab.Site site = startSite();
    try (Connection system = lab.system();
        LeafLinks links = LeafLinks.watch(system, account())) {
      long cut = System.nanoTime();
      network.dropWanPackets();
      Event disconnect = await(links, Kind.DISCONNECT, site);
      Duration noticed = since(cut, disconnect);

      long healed = System.nanoTime();
      network.stopDroppingWanPackets();
      Duration back = since(healed, await(links, Kind.CONNECT, site));

      System.out.printf(
          "Packets dropped: DISCONNECT (%s) after %d ms (bound %d ms); CONNECT %d ms after the"
              + " heal%n",
          disconnect.reason(), noticed.toMillis(), bound().toMillis(), back.toMillis());
      assertThat(disconnect.reason()).isEqualTo("Stale Connection");
      assertThat(noticed).isLessThanOrEqualTo(bound());
    }
  }

  @Test
  void whatTheSitePublishesDuringAPartitionArrivesOnceAndInOrderWhenItHeals() throws Exception {
    EdgeLab.Site site = startSite();
    try (Connection system = lab.system();
        LeafLinks links = LeafLinks.watch(system, account());
        Connection manager = manager();
        Connection collector = site.connect(lab.tenant("acme").creds("snmp", COLLECTOR))) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      OneRelay.source(streams, List.of(site.slug()));
      streams.ensureBuffer(site.slug(), BufferLimits.DEFAULT);
      List<String> expected = new ArrayList<>();
      publishAcked(collector, "before", 100, expected);
      assertThat(Ingest.awaitCount(() -> Ingest.count(manager), 100, Duration.ofSeconds(30)))
          .isEqualTo(100);

      long cut = System.nanoTime();
      network.unplugWan();
      publishAcked(collector, "acked", 2_000, expected);
      for (int seq = 1; seq <= 1_000; seq++) {
        collector.publish("syslog.nyc", ("core" + seq).getBytes(UTF_8));
        expected.add("core" + seq);
      }
      collector.flush(Duration.ofSeconds(5));
      Event disconnect = await(links, Kind.DISCONNECT, site);
      Duration noticed = since(cut, disconnect);
      assertThat(Ingest.count(manager)).isEqualTo(100);

      long healed = System.nanoTime();
      network.plugWanBackIn();
      Duration back = since(healed, await(links, Kind.CONNECT, site));
      long total = Ingest.awaitCount(() -> Ingest.count(manager), 3_100, Duration.ofSeconds(60));
      long caughtUp = (System.nanoTime() - healed) / 1_000_000;

      System.out.printf(
          "Interface down, hub sourcing the site: DISCONNECT (%s) after %d ms; CONNECT %d ms and"
              + " EDGE_INGEST complete %d ms after the heal%n",
          disconnect.reason(), noticed.toMillis(), back.toMillis(), caughtUp);
      assertThat(total).isEqualTo(3_100);
      assertThat(Ingest.payloads(manager)).containsExactlyElementsOf(expected);
    }
  }

  private EdgeLab.Site startSite() throws Exception {
    EdgeLab.Site site = lab.tenant("acme").siteBehind("nyc-office", network);
    lab.startHub();
    site.start();
    site.awaitLinked();
    return site;
  }

  /** 3 × ping_interval: what the hub takes at most with ping_max 1 (see {@link LinkLiveness}). */
  private static Duration bound() {
    return HUB.hubNoticesWithin().plus(SLACK);
  }

  private static Event await(LeafLinks links, Kind kind, EdgeLab.Site site)
      throws InterruptedException {
    return links
        .next(kind, site.config().serverName(), Duration.ofSeconds(30))
        .orElseThrow(() -> new AssertionError("no " + kind + " of the site within 30 s"));
  }

  private static Duration since(long startNanos, Event event) {
    return Duration.ofNanos(event.arrivedNanos() - startNanos);
  }

  private static void publishAcked(
      Connection collector, String prefix, int count, List<String> expected)
      throws IOException, InterruptedException {
    for (int seq = 1; seq <= count; seq++) {
      StoreAndForwardTest.publishUntilAcked(
          collector.jetStream(), "nyc-office/snmp/" + prefix + seq, "events.snmp", prefix + seq);
      expected.add(prefix + seq);
    }
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
