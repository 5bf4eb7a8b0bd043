package com.serviceradar.edge.server.storeforward;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.server.site.SiteBufferHealth;
import com.serviceradar.edge.server.site.SiteBufferHealth.BufferedSite;
import com.serviceradar.edge.storeforward.BufferState;
import com.serviceradar.edge.storeforward.Delivered;
import com.serviceradar.edge.storeforward.EdgeStreams;
import com.serviceradar.edge.storeforward.IngestDeliveries;
import com.serviceradar.edge.storeforward.RelaySource;
import com.serviceradar.edge.storeforward.Relays;
import com.serviceradar.edge.storeforward.TenantStreams;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's store-and-forward round, in the order data flows: each connected site gets a place
 * in a relay; {@code EDGE_INGEST} sources every relay; what it holds of each relay, and what each
 * relay holds of each site, move the watermarks; each connected site's {@code EDGE_BUFFER} gets its
 * limits, loses what the hub holds, and is observed, which may ask for its source to be restarted;
 * each relay then sources its listed sites and loses what {@code EDGE_INGEST} holds.
 */
final class TenantBufferRound {

  private static final Logger log = LoggerFactory.getLogger(TenantBufferRound.class);

  /** Deliveries read per fetch, and fetches per stream and round: the rest waits. */
  private static final int BATCH = 1_000;

  private static final int MAX_BATCHES = 50;

  /**
   * Sites whose source is added to a relay per round: each added source makes nats-server 2.9.10
   * scan the relay (BENCHMARKS.md), so a fleet upgraded to store-and-forward joins a few sites at a
   * time instead of in one update that outlasts the request timeout.
   */
  private static final int NEW_SOURCES_PER_ROUND = 10;

  private static final Duration FETCH_WAIT = Duration.ofMillis(200);

  private final TenantStreams streams;
  private final Connection connection;
  private final SiteBufferHealth health;
  private final StoreAndForwardSettings settings;
  private final Clock clock;

  TenantBufferRound(
      Connection connection,
      SiteBufferHealth health,
      StoreAndForwardSettings settings,
      Clock clock) {
    this.connection = connection;
    this.streams = new TenantStreams(connection, settings.requestTimeout());
    this.health = health;
    this.settings = settings;
    this.clock = clock;
  }

  void run(UUID tenantId) throws IOException, JetStreamApiException, InterruptedException {
    List<BufferedSite> sites = placeInRelays(tenantId, health.sites(tenantId));
    Set<Integer> relays = new TreeSet<>(streams.ingestRelays());
    sites.forEach(site -> site.relay().ifPresent(relays::add));
    for (int relay : relays) {
      streams.createRelayIfMissing(relay);
    }
    streams.ensureIngest(relays);

    Map<Integer, Long> ingestHolds = readIngestDeliveries(sites);
    Map<Integer, Long> readTo = new HashMap<>();
    Map<UUID, Long> delivered = new HashMap<>();
    for (int relay : relays) {
      readRelayDeliveries(relay, sites, delivered).ifPresent(seq -> readTo.put(relay, seq));
    }
    for (BufferedSite site : sites) {
      // A site marked silent is still probed: its answer is how the half-open link ends.
      if (site.leafConnected() || site.silent()) {
        boolean answered = false;
        try {
          tendBuffer(site, delivered.getOrDefault(site.siteId(), site.deliveredSeq()));
          answered = true;
        } catch (IOException | JetStreamApiException e) {
          // One leaf not answering (its link just dropped) must not stop the others' rounds.
          log.info("Buffer of site {} not reached: {}", site.slug().value(), e.getMessage());
        }
        health.linkProbed(site, answered, settings.silentAfter(), OffsetDateTime.now(clock));
      }
    }

    List<BufferedSite> observed = health.sites(tenantId);
    for (int relay : relays) {
      List<BufferedSite> members =
          observed.stream().filter(site -> site.relay().equals(Optional.of(relay))).toList();
      streams.ensureRelay(
          relay,
          EdgeStreams.nextRelaySources(
              members.stream().filter(this::listed).map(TenantBufferRound::source).toList(),
              streams.relaySources(relay).keySet(),
              NEW_SOURCES_PER_ROUND));
      if (ingestHolds.containsKey(relay) && readTo.containsKey(relay)) {
        purge(relay, members, ingestHolds.get(relay), readTo.get(relay));
      }
    }
  }

  /**
   * Gives each connected site without a relay the lowest one with room that its slug was never in;
   * returns them all.
   */
  private List<BufferedSite> placeInRelays(UUID tenantId, List<BufferedSite> sites) {
    List<BufferedSite> unplaced =
        sites.stream().filter(site -> site.relay().isEmpty() && site.leafConnected()).toList();
    if (unplaced.isEmpty()) {
      return sites;
    }
    Map<Integer, Integer> sitesPerRelay = new HashMap<>();
    sites.forEach(
        site -> site.relay().ifPresent(relay -> sitesPerRelay.merge(relay, 1, Integer::sum)));
    Map<SiteSlug, Set<Integer>> slugsWereIn = health.relaysOfSlugs(tenantId);
    for (BufferedSite site : unplaced) {
      int relay =
          Relays.withRoom(
              sitesPerRelay,
              settings.sitesPerRelay(),
              slugsWereIn.getOrDefault(site.slug(), Set.of()));
      health.joinedRelay(site, relay);
      sitesPerRelay.merge(relay, 1, Integer::sum);
    }
    return health.sites(tenantId);
  }

  /**
   * A site's source is listed while its leaf is connected and for {@code dropSourceAfter} after it
   * was last reached: each listed source of an absent leaf costs the hub a retry every 5 s that
   * subscribes and unsubscribes in the tenant's account across every connected leaf
   * (BENCHMARKS.md). A returning leaf's source is added again, starting after the watermark.
   */
  private boolean listed(BufferedSite site) {
    OffsetDateTime dropBefore = OffsetDateTime.now(clock).minus(settings.dropSourceAfter());
    return site.leafConnected()
        || site.silent()
        || site.observedAt().map(at -> at.isAfter(dropBefore)).orElse(false);
  }

  private static RelaySource source(BufferedSite site) {
    return new RelaySource(site.slug(), Relays.startSeq(site.deliveredSeq(), site.lastSeq()));
  }

  /**
   * Reads how far {@code EDGE_INGEST} holds each relay; also moves the watermark of sites it still
   * sourced itself before relays existed.
   */
  private Map<Integer, Long> readIngestDeliveries(List<BufferedSite> sites)
      throws IOException, JetStreamApiException, InterruptedException {
    Map<String, BufferedSite> bySource = bySourceIndex(sites);
    Map<Integer, Long> holds = new HashMap<>();
    read(
        EdgeStreams.INGEST,
        (source, newest) -> {
          Optional<Integer> relay = EdgeStreams.relayNumber(source);
          if (relay.isPresent()) {
            holds.merge(relay.get(), newest.heldSeq(), Math::max);
          } else if (bySource.containsKey(source)) {
            health.delivered(bySource.get(source).siteId(), newest, false);
          }
        });
    return holds;
  }

  /** Moves each site's watermark to the newest of its messages the relay holds. */
  private Optional<Long> readRelayDeliveries(
      int relay, List<BufferedSite> sites, Map<UUID, Long> delivered)
      throws IOException, JetStreamApiException, InterruptedException {
    Map<String, BufferedSite> bySource = bySourceIndex(sites);
    return read(
        EdgeStreams.relayName(relay),
        (source, newest) -> {
          BufferedSite site = bySource.get(source);
          if (site != null) {
            health.delivered(site.siteId(), newest, true);
            delivered.merge(site.siteId(), newest.sourceSeq(), Math::max);
          }
        });
  }

  /** Reads a stream's new deliveries; returns how far it read, empty when nothing was new. */
  private Optional<Long> read(String stream, BiConsumer<String, Delivered> newest)
      throws IOException, JetStreamApiException, InterruptedException {
    IngestDeliveries deliveries =
        new IngestDeliveries(connection, settings.requestTimeout(), stream);
    deliveries.ensureConsumer();
    long readTo = 0;
    for (int round = 0; round < MAX_BATCHES; round++) {
      IngestDeliveries.Batch batch = deliveries.poll(BATCH, FETCH_WAIT);
      batch.newest().forEach(newest);
      batch.ack();
      readTo = Math.max(readTo, batch.readTo());
      if (batch.messages() < BATCH) {
        break;
      }
    }
    return readTo > 0 ? Optional.of(readTo) : Optional.empty();
  }

  private static Map<String, BufferedSite> bySourceIndex(List<BufferedSite> sites) {
    Map<String, BufferedSite> bySource = new HashMap<>();
    sites.forEach(site -> bySource.put(EdgeStreams.sourceIndexName(site.slug()), site));
    return bySource;
  }

  /**
   * Purges what {@code EDGE_INGEST} holds of the relay, keeping the newest message of each listed
   * site whose buffer still holds delivered messages (see {@link Relays#purgeableUpTo}).
   */
  private void purge(int relay, List<BufferedSite> members, long ingestHolds, long readTo)
      throws IOException, JetStreamApiException {
    List<Long> kept =
        members.stream()
            .filter(site -> listed(site) && site.holdsDelivered() && site.deliveredRelaySeq() > 0)
            .map(BufferedSite::deliveredRelaySeq)
            .toList();
    OptionalLong upTo = Relays.purgeableUpTo(ingestHolds, readTo, kept);
    if (upTo.isPresent()) {
      streams.purgeRelay(relay, upTo.getAsLong());
    }
  }

  private void tendBuffer(BufferedSite site, long deliveredSeq)
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
            settings.stallAfter(),
            now);
    if (verdict == SiteBufferHealth.Verdict.RESTART_SOURCE && site.relay().isPresent()) {
      streams.restartSource(site.relay().get(), source(site));
      health.sourceRestarted(site, state.get().undeliveredAfter(deliveredSeq), now);
      log.info("Restarted the stalled source of site {}", site.slug().value());
    }
  }
}
