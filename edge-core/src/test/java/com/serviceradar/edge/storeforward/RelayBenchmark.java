package com.serviceradar.edge.storeforward;

import static com.serviceradar.edge.storeforward.StoreAndForwardBenchmark.bench;
import static com.serviceradar.edge.storeforward.StoreAndForwardBenchmark.millis;
import static com.serviceradar.edge.storeforward.StoreAndForwardBenchmark.publishAsync;
import static com.serviceradar.edge.storeforward.StoreAndForwardBenchmark.report;
import static com.serviceradar.edge.storeforward.StoreAndForwardBenchmark.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.names.JetStreamDomain;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.testing.EdgeLab;
import com.serviceradar.edge.testing.Ingest;
import com.serviceradar.edge.testing.LocalNats;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.External;
import io.nats.client.api.Source;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark harness, not a test (run on request like {@link StoreAndForwardBenchmark}): does the
 * relay layout keep adding a site and restarting the hub cheap while {@code EDGE_INGEST} holds a
 * lot? Side by side in one run, on one hub: a site's source added to a relay vs added straight to
 * {@code EDGE_INGEST} (the layout before relays), with acked publishes into {@code EDGE_INGEST}
 * timed meanwhile; then hub restarts with every source's last message near the end of its stream,
 * vs with one source {@code EDGE_INGEST} holds nothing of (what a new or idle site did to the
 * layout before relays).
 *
 * <p>{@code bench.relays} real leafs (10), one per relay, each relay purged the way the control
 * plane does; {@code bench.ingestFill} SaaS-direct messages in {@code EDGE_INGEST} (1,000,000).
 */
@SuppressWarnings("try")
class RelayBenchmark {

  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);
  private static final UserPermissions COLLECTOR =
      UserPermissions.allow(CollectorSubjects.ALL, List.of(CollectorSubjects.INBOX));
  private static final int RELAYS = Integer.getInteger("bench.relays", 10);
  private static final int INGEST_FILL = Integer.getInteger("bench.ingestFill", 1_000_000);
  private static final int PER_SITE = 10;

  @TempDir Path dir;
  private EdgeLab lab;

  @AfterEach
  void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void addingASiteAndRestartingTheHubWithRelays() throws Exception {
    lab = EdgeLab.create(dir, "", "acme");
    List<EdgeLab.Site> sites = new ArrayList<>();
    for (int relay = 0; relay < RELAYS; relay++) {
      sites.add(lab.tenant("acme").site(String.format("relay-site-%02d", relay)));
    }
    lab.startHub();
    for (EdgeLab.Site site : sites) {
      site.start();
    }
    for (EdgeLab.Site site : sites) {
      site.awaitLinked();
    }
    try (Connection manager = hub(creds("control-plane", StreamPermissions.streamManager()))) {
      TenantStreams streams = new TenantStreams(manager, STREAM_TIMEOUT);
      List<Integer> relays = IntStream.range(0, RELAYS).boxed().toList();
      for (int relay : relays) {
        streams.createRelayIfMissing(relay);
        streams.ensureRelay(relay, List.of(RelaySource.fromStart(sites.get(relay).slug())));
        streams.ensureBuffer(sites.get(relay).slug(), BufferLimits.DEFAULT);
      }
      streams.ensureIngest(relays);

      long start = System.nanoTime();
      try (Connection direct = hub(creds("saas-direct", COLLECTOR))) {
        long failed = publishAsync(direct.jetStream(), "saas/fill/", INGEST_FILL, 1_000);
        bench(
            "relays: %,d SaaS-direct messages into EDGE_INGEST in %.1f s (%d failed)",
            INGEST_FILL, seconds(start), failed);
      }
      deliverThroughEveryRelay(sites, streams, manager, 1);

      long[] relayAdds = new long[3];
      long[] ingestAdds = new long[3];
      SiteSlug newSite = SiteSlug.of("one-more-site");
      try (PublishProbe probe = new PublishProbe(hub(creds("saas-probe", COLLECTOR)))) {
        List<RelaySource> relay0 = List.of(RelaySource.fromStart(sites.get(0).slug()));
        List<RelaySource> withNewSite = new ArrayList<>(relay0);
        withNewSite.add(RelaySource.fromStart(newSite));
        for (int i = 0; i < relayAdds.length; i++) {
          long before = System.nanoTime();
          streams.ensureRelay(0, withNewSite);
          relayAdds[i] = System.nanoTime() - before;
          streams.ensureRelay(0, relay0);
          Thread.sleep(500);
        }
        report(
            "relays: add a site's source to its relay (EDGE_INGEST holding " + INGEST_FILL + ")",
            relayAdds);
        report(
            "relays: meanwhile, acked publishes into EDGE_INGEST (one every 10 ms)",
            probe.latencies());
      }
      JetStreamManagement jsm = manager.jetStreamManagement();
      StreamConfiguration ingest = jsm.getStreamInfo(EdgeStreams.INGEST).getConfiguration();
      try (PublishProbe probe = new PublishProbe(hub(creds("saas-probe-2", COLLECTOR)))) {
        for (int i = 0; i < ingestAdds.length; i++) {
          long before = System.nanoTime();
          jsm.updateStream(withDirectSource(ingest, newSite));
          ingestAdds[i] = System.nanoTime() - before;
          jsm.updateStream(ingest);
          Thread.sleep(500);
        }
        report("relays: before relays, add it to EDGE_INGEST itself (same stream)", ingestAdds);
        report(
            "relays: meanwhile, acked publishes into EDGE_INGEST (one every 10 ms)",
            probe.latencies());
      }
    }

    restartHub("every source's last message near its stream's end");
    try (Connection manager = hub(creds("control-plane", StreamPermissions.streamManager()))) {
      deliverThroughEveryRelay(sites, new TenantStreams(manager, STREAM_TIMEOUT), manager, 2);
      JetStreamManagement jsm = manager.jetStreamManagement();
      StreamConfiguration ingest = jsm.getStreamInfo(EdgeStreams.INGEST).getConfiguration();
      jsm.updateStream(withDirectSource(ingest, SiteSlug.of("one-more-site")));
    }
    restartHub("plus one source EDGE_INGEST holds nothing of (the layout before relays)");
  }

  /**
   * Each real site publishes {@value #PER_SITE} messages, which reach EDGE_INGEST through its
   * relay; each relay is then purged as the control plane would, keeping its newest message.
   */
  private void deliverThroughEveryRelay(
      List<EdgeLab.Site> sites, TenantStreams streams, Connection manager, int wave)
      throws Exception {
    long expected = Ingest.count(manager) + (long) sites.size() * PER_SITE;
    for (EdgeLab.Site site : sites) {
      try (Connection collector = site.connect(creds("c", COLLECTOR))) {
        publishAsync(collector.jetStream(), site.slug().value() + "/w" + wave + "/", PER_SITE, 100);
      }
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (Ingest.count(manager) < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Ingest.count(manager)).isEqualTo(expected);
    for (int relay = 0; relay < sites.size(); relay++) {
      long last =
          manager
              .jetStreamManagement()
              .getStreamInfo(EdgeStreams.relayName(relay))
              .getStreamState()
              .getLastSequence();
      streams.purgeRelay(relay, last - 1);
    }
  }

  private static StreamConfiguration withDirectSource(StreamConfiguration ingest, SiteSlug site) {
    List<Source> sources = new ArrayList<>(ingest.getSources());
    sources.add(
        Source.builder()
            .name(EdgeStreams.BUFFER)
            .external(External.builder().api(JetStreamDomain.forSite(site).apiPrefix()).build())
            .build());
    return StreamConfiguration.builder(ingest).sources(sources).build();
  }

  private void restartHub(String label) throws Exception {
    lab.stopHub();
    long start = System.nanoTime();
    lab.startHub();
    long listening = System.nanoTime();
    try (Connection manager = hub(creds("control-plane", StreamPermissions.streamManager()))) {
      long answered = 0;
      while (answered == 0 && System.nanoTime() - start < 300_000_000_000L) {
        if (Ingest.count(manager) >= 0) {
          answered = System.nanoTime();
        } else {
          Thread.sleep(10);
        }
      }
      bench(
          "relays: hub restart, %s: listening after %.0f ms, EDGE_INGEST info answered after %.0f"
              + " ms",
          label, millis(listening - start), millis(answered - start));
    }
  }

  private String creds(String name, UserPermissions permissions) {
    return lab.tenant("acme").creds(name, permissions);
  }

  private Connection hub(String creds) throws Exception {
    return LocalNats.connect(lab.hubUrl(), creds, null);
  }
}
