package com.serviceradar.edge.storeforward;

import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.names.JetStreamDomain;
import com.serviceradar.edge.names.SiteSlug;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.External;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.Source;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The streams of store-and-forward (ARCHITECTURE.md, "Store-and-forward"), in the tenant account:
 * {@value #BUFFER} on every leaf; at the hub, relays ({@code EDGE_RELAY_00}, …) that each source
 * the buffers of a bounded number of sites, and {@value #INGEST}, which sources the relays and is
 * where the SaaS side reads.
 *
 * <p>The shape follows what was verified on nats-server 2.9.10 (NATS-FACTS.md, "JetStream across
 * the leaf link"): file storage and limits retention on the leaf ({@code interest} loses outage
 * data, {@code workqueue} deletes at the edge once sent), discard-new so a full buffer refuses
 * publishes instead of silently dropping acked data, and one external source per leaf domain. The
 * relays exist because nats-server 2.9.10 scans the whole stream a source is added to, and the
 * whole stream at every start until it has found each source's last message (BENCHMARKS.md): a
 * relay holds only what {@value #INGEST} has not copied yet, so adding a site or restarting the hub
 * scans little, while {@value #INGEST} keeps its days of data behind a few relay sources.
 */
public final class EdgeStreams {

  public static final String BUFFER = "EDGE_BUFFER";
  public static final String INGEST = "EDGE_INGEST";

  private static final String RELAY_PREFIX = "EDGE_RELAY_";

  /** How long the hub keeps what it ingested, for its consumers. */
  public static final Duration INGEST_MAX_AGE = Duration.ofDays(7);

  /** {@code Nats-Msg-Id} de-duplication window, the server's default. */
  static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

  private static final String HASH_DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private EdgeStreams() {}

  /** {@value #BUFFER} on a site's leaf: captures the collector subjects within these limits. */
  public static StreamConfiguration buffer(BufferLimits limits) {
    return StreamConfiguration.builder()
        .name(BUFFER)
        .description("ServiceRadar Edge: collector messages kept until the hub has them")
        .subjects(CollectorSubjects.ALL)
        .storageType(StorageType.File)
        .retentionPolicy(RetentionPolicy.Limits)
        .discardPolicy(DiscardPolicy.New)
        .maxAge(limits.maxAge())
        .maxBytes(limits.maxBytes())
        .duplicateWindow(DUPLICATE_WINDOW)
        .replicas(1)
        .build();
  }

  /**
   * {@value #INGEST} at the hub: what SaaS-direct collectors publish (its subjects) and every relay
   * (one local source each). A relay's source starts at its first message when {@value #INGEST}
   * holds none of it yet (a new relay): without a start, nats-server 2.9 would fall back to the
   * time of {@value #INGEST}'s last message and skip what the relay stored before it.
   */
  public static StreamConfiguration ingest(Collection<Integer> relays) {
    List<Source> sources =
        relays.stream()
            .distinct()
            .sorted()
            .map(relay -> Source.builder().name(relayName(relay)).startSeq(1).build())
            .toList();
    return StreamConfiguration.builder()
        .name(INGEST)
        .description("ServiceRadar Edge: every edge site's buffer and the SaaS-direct collectors")
        .subjects(CollectorSubjects.ALL)
        .storageType(StorageType.File)
        .retentionPolicy(RetentionPolicy.Limits)
        .discardPolicy(DiscardPolicy.Old)
        .maxAge(INGEST_MAX_AGE)
        .duplicateWindow(DUPLICATE_WINDOW)
        .replicas(1)
        .sources(sources)
        .build();
  }

  /**
   * Relay {@code number} at the hub: the {@value #BUFFER} of each of these sites (one source each,
   * through the site's JetStream domain), sorted so the same sites give the same configuration. It
   * has no subjects of its own. The control plane purges what {@value #INGEST} holds; its age limit
   * only matches {@value #INGEST}'s, so nothing leaves a relay that {@value #INGEST} would still
   * keep.
   */
  public static StreamConfiguration relay(int number, Collection<RelaySource> sites) {
    List<Source> sources =
        sites.stream()
            .sorted(Comparator.comparing(source -> source.site().value()))
            .map(RelaySource::toSource)
            .toList();
    return StreamConfiguration.builder()
        .name(relayName(number))
        .description("ServiceRadar Edge: edge sites' buffers on their way to " + INGEST)
        .storageType(StorageType.File)
        .retentionPolicy(RetentionPolicy.Limits)
        .discardPolicy(DiscardPolicy.Old)
        .maxAge(INGEST_MAX_AGE)
        .duplicateWindow(DUPLICATE_WINDOW)
        .replicas(1)
        .sources(sources)
        .build();
  }

  /** The stream name of relay {@code number}: {@code EDGE_RELAY_00}, {@code EDGE_RELAY_01}, … */
  public static String relayName(int number) {
    if (number < 0) {
      throw new IllegalArgumentException("relay numbers start at 0: " + number);
    }
    return String.format("%s%02d", RELAY_PREFIX, number);
  }

  /** The relay number of a stream name, empty when it is not a relay's. */
  public static Optional<Integer> relayNumber(String streamName) {
    if (streamName == null || !streamName.matches(RELAY_PREFIX + "[0-9]{2,9}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(streamName.substring(RELAY_PREFIX.length())));
  }

  static Source sourceOf(SiteSlug site, long startSeq) {
    return Source.builder()
        .name(BUFFER)
        .startSeq(startSeq)
        .external(External.builder().api(JetStreamDomain.forSite(site).apiPrefix()).build())
        .build();
  }

  /**
   * The sources a relay should have after one update: every wanted source it has now, and at most
   * {@code maxNew} wanted sources it does not have yet (in the order given). On nats-server 2.9.10
   * each source added makes the hub scan the relay under its lock (BENCHMARKS.md): a few per update
   * keep each update short.
   */
  public static List<RelaySource> nextRelaySources(
      Collection<RelaySource> wanted, Set<String> sourcedIndexNames, int maxNew) {
    List<RelaySource> next = new ArrayList<>();
    int added = 0;
    for (RelaySource source : wanted) {
      if (sourcedIndexNames.contains(sourceIndexName(source.site()))) {
        next.add(source);
      } else if (added < maxNew) {
        next.add(source);
        added++;
      }
    }
    return next;
  }

  /**
   * The name under which a relay tracks a site's source, as the hub writes it into the {@code
   * Nats-Stream-Source} header of every message it sourced: {@code EDGE_BUFFER:<hash of the API
   * prefix>} (nats-server 2.9 {@code setIndexName}, {@code getHash}: SHA-256, 8 base-62 digits).
   */
  public static String sourceIndexName(SiteSlug site) {
    byte[] sha;
    try {
      sha =
          MessageDigest.getInstance("SHA-256")
              .digest(JetStreamDomain.forSite(site).apiPrefix().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    StringBuilder hash = new StringBuilder(BUFFER).append(':');
    for (int i = 0; i < 8; i++) {
      hash.append(HASH_DIGITS.charAt((sha[i] & 0xff) % HASH_DIGITS.length()));
    }
    return hash.toString();
  }
}
