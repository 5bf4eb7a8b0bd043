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
import java.util.Set;

/**
 * The two streams of store-and-forward (ARCHITECTURE.md, "Store-and-forward"), in the tenant
 * account: {@value #BUFFER} on every leaf, {@value #INGEST} at the hub.
 *
 * <p>The shape follows what was verified on nats-server 2.9.10 (NATS-FACTS.md, "JetStream across
 * the leaf link"): file storage and limits retention on the leaf ({@code interest} loses outage
 * data, {@code workqueue} deletes at the edge once sent), discard-new so a full buffer refuses
 * publishes instead of silently dropping acked data, and one external source per leaf domain at the
 * hub.
 */
public final class EdgeStreams {

  public static final String BUFFER = "EDGE_BUFFER";
  public static final String INGEST = "EDGE_INGEST";

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
   * {@value #INGEST} at the hub: what SaaS-direct collectors publish (its subjects) and every
   * listed site's {@value #BUFFER} (one source each, through the site's JetStream domain). Sources
   * are sorted so the same sites give the same configuration.
   */
  public static StreamConfiguration ingest(Collection<SiteSlug> sites) {
    List<Source> sources =
        sites.stream()
            .distinct()
            .sorted(Comparator.comparing(SiteSlug::value))
            .map(EdgeStreams::sourceOf)
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

  static Source sourceOf(SiteSlug site) {
    return Source.builder()
        .name(BUFFER)
        .external(External.builder().api(JetStreamDomain.forSite(site).apiPrefix()).build())
        .build();
  }

  /**
   * The sites {@code EDGE_INGEST} should source after one update: every wanted site it sources now,
   * and at most {@code maxNew} wanted sites it does not source yet (in the order given). On
   * nats-server 2.9.10 each source added makes the hub scan the whole stream under its lock
   * (BENCHMARKS.md): adding hundreds in one update to a stream that holds data takes minutes, a few
   * per update stay short.
   */
  public static List<SiteSlug> nextIngestSites(
      Collection<SiteSlug> wanted, Set<String> sourcedIndexNames, int maxNew) {
    List<SiteSlug> next = new ArrayList<>();
    int added = 0;
    for (SiteSlug site : wanted) {
      if (sourcedIndexNames.contains(sourceIndexName(site))) {
        next.add(site);
      } else if (added < maxNew) {
        next.add(site);
        added++;
      }
    }
    return next;
  }

  /**
   * The name under which the hub tracks a site's source, as it writes it into the {@code
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
