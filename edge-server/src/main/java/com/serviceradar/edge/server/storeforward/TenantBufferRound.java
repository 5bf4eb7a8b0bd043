package com.serviceradar.edge.server.storeforward;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.server.site.SiteBufferHealth;
import com.serviceradar.edge.server.site.SiteBufferHealth.BufferedSite;
import com.serviceradar.edge.storeforward.BufferState;
import com.serviceradar.edge.storeforward.Delivered;
import com.serviceradar.edge.storeforward.EdgeStreams;
import com.serviceradar.edge.storeforward.IngestDeliveries;
import com.serviceradar.edge.storeforward.TenantStreams;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's store-and-forward round, in the order data flows: the hub's {@code EDGE_INGEST}
 * sources exactly the tenant's sites; what it holds of each site moves that site's delivery
 * watermark; then each connected site's {@code EDGE_BUFFER} gets its limits, loses what the hub
 * holds, and is observed, which may ask for its source to be restarted.
 */
final class TenantBufferRound {

  private static final Logger log = LoggerFactory.getLogger(TenantBufferRound.class);

  /** Deliveries read per fetch, and fetches per round: the rest waits for the next round. */
  private static final int BATCH = 1_000;

  private static final int MAX_BATCHES = 50;

  /**
   * Sites whose source is added to {@code EDGE_INGEST} per round: each added source makes
   * nats-server 2.9.10 scan the stream (BENCHMARKS.md), so a fleet upgraded to store-and-forward
   * joins a few sites at a time instead of in one update that outlasts the request timeout.
   */
  private static final int NEW_SOURCES_PER_ROUND = 10;

  private static final Duration FETCH_WAIT = Duration.ofMillis(200);

  private final TenantStreams streams;
  private final IngestDeliveries deliveries;
  private final SiteBufferHealth health;
  private final Duration stallAfter;
  private final Duration silentAfter;
  private final Clock clock;

  TenantBufferRound(
      TenantStreams streams,
      IngestDeliveries deliveries,
      SiteBufferHealth health,
      Duration stallAfter,
      Duration silentAfter,
      Clock clock) {
    this.silentAfter = silentAfter;
    this.streams = streams;
    this.deliveries = deliveries;
    this.health = health;
    this.stallAfter = stallAfter;
    this.clock = clock;
  }

  void run(List<BufferedSite> sites)
      throws IOException, JetStreamApiException, InterruptedException {
    List<SiteSlug> slugs =
        EdgeStreams.nextIngestSites(
            sites.stream().map(BufferedSite::slug).toList(),
            streams.ingestSources().keySet(),
            NEW_SOURCES_PER_ROUND);
    streams.ensureIngest(slugs);
    Map<UUID, Long> delivered = readDeliveries(sites);
    for (BufferedSite site : sites) {
      // A site marked silent is still probed: its answer is how the half-open link ends.
      if (site.leafConnected() || site.silent()) {
        boolean answered = false;
        long deliveredSeq = delivered.getOrDefault(site.siteId(), site.deliveredSeq());
        try {
          tendBuffer(site, deliveredSeq, slugs);
          answered = true;
        } catch (IOException | JetStreamApiException e) {
          // One leaf not answering (its link just dropped) must not stop the others' rounds.
          log.info("Buffer of site {} not reached: {}", site.slug().value(), e.getMessage());
        }
        health.linkProbed(site, answered, silentAfter, OffsetDateTime.now(clock));
      }
    }
  }

  /** Moves each site's watermark to the newest of its messages the hub holds; returns them. */
  private Map<UUID, Long> readDeliveries(List<BufferedSite> sites)
      throws IOException, JetStreamApiException, InterruptedException {
    Map<String, BufferedSite> bySource = new HashMap<>();
    for (BufferedSite site : sites) {
      bySource.put(EdgeStreams.sourceIndexName(site.slug()), site);
    }
    Map<UUID, Long> moved = new HashMap<>();
    deliveries.ensureConsumer();
    for (int round = 0; round < MAX_BATCHES; round++) {
      IngestDeliveries.Batch batch = deliveries.poll(BATCH, FETCH_WAIT);
      for (Map.Entry<String, Delivered> newest : batch.newest().entrySet()) {
        BufferedSite site = bySource.get(newest.getKey());
        if (site != null) {
          health.delivered(site.siteId(), newest.getValue());
          moved.merge(site.siteId(), newest.getValue().bufferSeq(), Math::max);
        }
      }
      batch.ack();
      if (batch.messages() < BATCH) {
        break;
      }
    }
    return moved;
  }

  private void tendBuffer(BufferedSite site, long deliveredSeq, List<SiteSlug> slugs)
      throws IOException, JetStreamApiException {
    Optional<BufferState> state = streams.buffer(site.slug());
    if (state.isEmpty() || !site.limitsApplied() || !state.get().limits().equals(site.limits())) {
      streams.ensureBuffer(site.slug(), site.limits());
      health.limitsApplied(site.siteId(), site.limits());
      state = streams.buffer(site.slug());
    }
    if (state.isEmpty()) {
      return;
    }
    // A watermark past the buffer's last sequence belongs to an earlier buffer (a wiped leaf
    // store): trimming by it would drop messages the hub never had.
    boolean sameBuffer = deliveredSeq <= state.get().lastSeq();
    if (sameBuffer && deliveredSeq >= state.get().firstSeq() && state.get().messages() > 0) {
      streams.trimBuffer(site.slug(), deliveredSeq);
      state = streams.buffer(site.slug());
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    SiteBufferHealth.Verdict verdict =
        health.observed(
            site,
            state.orElseThrow(),
            deliveredSeq,
            deliveredSeq != site.deliveredSeq(),
            stallAfter,
            now);
    if (verdict == SiteBufferHealth.Verdict.RESTART_SOURCE) {
      streams.restartSource(site.slug(), slugs);
      health.sourceRestarted(site, state.get().undeliveredAfter(deliveredSeq), now);
      log.info("Restarted the stalled source of site {}", site.slug().value());
    }
  }
}
