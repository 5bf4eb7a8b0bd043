package com.serviceradar.edge.bundle;

import com.serviceradar.edge.names.JetStreamDomain;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.storeforward.EdgeStreams;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The collector a package is for, as far as its bundle shows it.
 *
 * @param name the display name; any text without control characters
 * @param site the edge site whose leaf it publishes to; empty for a collector of the SaaS hub
 * @param natsUrl where the collector connects: its site's leaf, or the SaaS hub
 * @param saasUrl the SaaS hub's client URL, the fallback when the leaf's host is gone
 */
public record Collector(
    UUID id,
    CollectorType type,
    String name,
    Optional<SiteSlug> site,
    NatsUrl natsUrl,
    NatsUrl saasUrl) {

  /** What a collector's {@code Nats-Msg-Id} ends with: its own sequence number. */
  public static final String SEQUENCE_PLACEHOLDER = "{seq}";

  /** No header starting with this may go on a collector's publish (NATS-FACTS.md). */
  public static final String FORBIDDEN_HEADER_PREFIX = "Nats-Expected-";

  public Collector {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(natsUrl, "natsUrl");
    Objects.requireNonNull(saasUrl, "saasUrl");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("collector name must be 1-200 characters");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("collector name must not contain control characters");
    }
  }

  /** The SaaS URL, unless the collector already connects there. */
  public List<NatsUrl> fallbackServers() {
    return natsUrl.equals(saasUrl) ? List.of() : List.of(saasUrl);
  }

  /**
   * The JetStream domain of the server at {@link #natsUrl()}: {@code edge-{site_slug}} for its
   * site's leaf, {@code hub} for the SaaS. A JetStream publish ack names it.
   */
  public JetStreamDomain jetStreamDomain() {
    return site.map(JetStreamDomain::forSite).orElse(JetStreamDomain.HUB);
  }

  /**
   * The stream that stores and acks what the collector publishes at {@link #natsUrl()}: its site's
   * {@code EDGE_BUFFER}, or the hub's {@code EDGE_INGEST}.
   */
  public String ackingStream() {
    return site.isPresent() ? EdgeStreams.BUFFER : EdgeStreams.INGEST;
  }

  /**
   * {@code {site_slug}/{type}-{id8}/}, or {@code hub/{type}-{id8}/} without a site: what every
   * {@code Nats-Msg-Id} of this collector starts with, followed by its own sequence number. The hub
   * de-duplicates every site's sourced messages in one stream, so the ids must differ across sites
   * and collectors (NATS-FACTS.md, "JetStream across the leaf link").
   */
  public String messageIdPrefix() {
    String where = site.map(SiteSlug::value).orElse(JetStreamDomain.HUB.value());
    return where + "/" + type.instanceName(id) + "/";
  }
}
