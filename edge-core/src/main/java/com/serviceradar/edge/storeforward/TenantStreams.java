package com.serviceradar.edge.storeforward;

import com.serviceradar.edge.names.JetStreamDomain;
import com.serviceradar.edge.names.SiteSlug;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.PurgeOptions;
import io.nats.client.api.Source;
import io.nats.client.api.SourceInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Store-and-forward's streams of one tenant, managed over a connection in the tenant's account at
 * the hub: {@code EDGE_INGEST} and the relays through the hub's own JetStream, each leaf's {@code
 * EDGE_BUFFER} through {@code $JS.edge-{site}.API} across its link (so only while the leaf is
 * connected; a call for a disconnected leaf times out).
 *
 * <p>Every {@code ensure…} is idempotent: it creates what is missing, updates what differs and
 * leaves the rest alone.
 */
public final class TenantStreams {

  /** What an {@code ensure…} call did. */
  public enum Applied {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  private static final int STREAM_NOT_FOUND = 10059;

  private final Connection connection;
  private final Duration timeout;

  public TenantStreams(Connection connection, Duration timeout) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Creates or updates the site's {@code EDGE_BUFFER} on its leaf. */
  public Applied ensureBuffer(SiteSlug site, BufferLimits limits)
      throws IOException, JetStreamApiException {
    return ensure(atLeaf(site), EdgeStreams.buffer(limits));
  }

  /** Creates or updates the hub's {@code EDGE_INGEST} sourcing exactly these relays. */
  public Applied ensureIngest(Collection<Integer> relays)
      throws IOException, JetStreamApiException {
    return ensure(atHub(), EdgeStreams.ingest(relays));
  }

  /**
   * Creates or updates relay {@code number} with exactly these sites' sources. A source's start
   * only counts when it is added: a source it already has keeps its place.
   */
  public Applied ensureRelay(int number, Collection<RelaySource> sources)
      throws IOException, JetStreamApiException {
    return ensure(atHub(), EdgeStreams.relay(number, sources));
  }

  /** Creates relay {@code number} without sources when it does not exist yet. */
  public void createRelayIfMissing(int number) throws IOException, JetStreamApiException {
    if (info(atHub(), EdgeStreams.relayName(number)).isEmpty()) {
      atHub().addStream(EdgeStreams.relay(number, List.of()));
    }
  }

  /** The relays {@code EDGE_INGEST} sources now. */
  public Set<Integer> ingestRelays() throws IOException, JetStreamApiException {
    Set<Integer> relays = new TreeSet<>();
    Optional<StreamInfo> info = info(atHub(), EdgeStreams.INGEST);
    if (info.isPresent() && info.get().getConfiguration().getSources() != null) {
      for (Source source : info.get().getConfiguration().getSources()) {
        EdgeStreams.relayNumber(source.getName()).ifPresent(relays::add);
      }
    }
    return relays;
  }

  /** The site's {@code EDGE_BUFFER}; empty when the leaf has none (yet). */
  public Optional<BufferState> buffer(SiteSlug site) throws IOException, JetStreamApiException {
    Optional<StreamInfo> info = info(atLeaf(site), EdgeStreams.BUFFER);
    return info.map(
        stream -> {
          StreamState state = stream.getStreamState();
          StreamConfiguration config = stream.getConfiguration();
          return new BufferState(
              state.getMsgCount(),
              state.getByteCount(),
              state.getFirstSequence(),
              state.getLastSequence(),
              state.getMsgCount() == 0 || state.getFirstTime() == null
                  ? Optional.empty()
                  : Optional.of(state.getFirstTime().toInstant()),
              new BufferLimits(config.getMaxAge(), config.getMaxBytes()));
        });
  }

  /**
   * Removes from the site's {@code EDGE_BUFFER} every message up to and including {@code
   * deliveredSeq}: the hub holds them. Limits retention keeps messages after delivery, so without
   * this a buffer fills with what was already delivered and refuses new publishes.
   */
  public void trimBuffer(SiteSlug site, long deliveredSeq)
      throws IOException, JetStreamApiException {
    if (deliveredSeq > 0) {
      atLeaf(site)
          .purgeStream(
              EdgeStreams.BUFFER, PurgeOptions.builder().sequence(deliveredSeq + 1).build());
    }
  }

  /**
   * Removes from relay {@code number} every message up to and including {@code seq}: {@code
   * EDGE_INGEST} holds them.
   */
  public void purgeRelay(int number, long seq) throws IOException, JetStreamApiException {
    if (seq > 0) {
      atHub()
          .purgeStream(
              EdgeStreams.relayName(number), PurgeOptions.builder().sequence(seq + 1).build());
    }
  }

  /** A relay's site sources as the hub sees them, by site source index name. */
  public Map<String, SourceState> relaySources(int number)
      throws IOException, JetStreamApiException {
    Map<String, SourceState> sources = new HashMap<>();
    Optional<StreamInfo> info = info(atHub(), EdgeStreams.relayName(number));
    if (info.isEmpty() || info.get().getSourceInfos() == null) {
      return sources;
    }
    for (SourceInfo source : info.get().getSourceInfos()) {
      if (source.getExternal() == null) {
        continue;
      }
      sources.put(
          apiPrefixIndex(source.getExternal().getApi()),
          new SourceState(
              source.getLag(),
              source.getActive() == null || source.getActive().isNegative()
                  ? Optional.empty()
                  : Optional.of(source.getActive()),
              Optional.ofNullable(source.getError()).map(Object::toString)));
    }
    return sources;
  }

  /**
   * Re-creates one site's source in its relay: the hub drops its source consumer and starts a new
   * one after the last message the relay holds from the site (or at the source's start when it
   * holds none). The repair for a source that stopped catching up (NATS-FACTS.md, nats-server issue
   * 7530).
   */
  public void restartSource(int relay, RelaySource source)
      throws IOException, JetStreamApiException {
    JetStreamManagement hub = atHub();
    StreamConfiguration current =
        hub.getStreamInfo(EdgeStreams.relayName(relay)).getConfiguration();
    String api = JetStreamDomain.forSite(source.site()).apiPrefix();
    List<Source> others =
        (current.getSources() == null ? List.<Source>of() : current.getSources())
            .stream()
                .filter(
                    other ->
                        other.getExternal() == null || !api.equals(other.getExternal().getApi()))
                .toList();
    hub.updateStream(StreamConfiguration.builder(current).sources(others).build());
    List<Source> restarted = new ArrayList<>(others);
    restarted.add(source.toSource());
    hub.updateStream(StreamConfiguration.builder(current).sources(restarted).build());
  }

  private static String apiPrefixIndex(String apiPrefix) {
    String prefix =
        apiPrefix.endsWith(".") ? apiPrefix.substring(0, apiPrefix.length() - 1) : apiPrefix;
    if (prefix.startsWith("$JS.") && prefix.endsWith(".API")) {
      Optional<SiteSlug> site = JetStreamDomain.siteOf(prefix.substring(4, prefix.length() - 4));
      if (site.isPresent()) {
        return EdgeStreams.sourceIndexName(site.get());
      }
    }
    return apiPrefix;
  }

  private Applied ensure(JetStreamManagement jsm, StreamConfiguration wanted)
      throws IOException, JetStreamApiException {
    Optional<StreamInfo> current = info(jsm, wanted.getName());
    if (current.isEmpty()) {
      jsm.addStream(wanted);
      return Applied.CREATED;
    }
    if (sameSettings(current.get().getConfiguration(), wanted)) {
      return Applied.UNCHANGED;
    }
    jsm.updateStream(wanted);
    return Applied.UPDATED;
  }

  private static boolean sameSettings(StreamConfiguration current, StreamConfiguration wanted) {
    return Objects.equals(current.getSubjects(), wanted.getSubjects())
        && current.getMaxAge().equals(wanted.getMaxAge())
        && current.getMaxBytes() == wanted.getMaxBytes()
        && current.getDiscardPolicy() == wanted.getDiscardPolicy()
        && current.getRetentionPolicy() == wanted.getRetentionPolicy()
        && Objects.equals(sourceKeys(current), sourceKeys(wanted));
  }

  /**
   * What identifies each source (its external API, or its name for a local one), not where it
   * starts: a start only counts when the source is added, so a changed start alone is no update.
   */
  private static List<String> sourceKeys(StreamConfiguration config) {
    return config.getSources() == null
        ? List.of()
        : config.getSources().stream()
            .map(
                source ->
                    source.getExternal() == null ? source.getName() : source.getExternal().getApi())
            .sorted()
            .toList();
  }

  private static Optional<StreamInfo> info(JetStreamManagement jsm, String stream)
      throws IOException, JetStreamApiException {
    try {
      return Optional.of(jsm.getStreamInfo(stream));
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private JetStreamManagement atHub() throws IOException {
    return connection.jetStreamManagement(
        JetStreamOptions.builder().requestTimeout(timeout).build());
  }

  private JetStreamManagement atLeaf(SiteSlug site) throws IOException {
    return connection.jetStreamManagement(
        JetStreamOptions.builder()
            .domain(JetStreamDomain.forSite(site).value())
            .requestTimeout(timeout)
            .build());
  }
}
