package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.storeforward.BufferLimits;
import com.serviceradar.edge.storeforward.BufferState;
import com.serviceradar.edge.storeforward.Delivered;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the store-and-forward job observes of each site's {@code EDGE_BUFFER}, written down: the
 * stream's state, the hub's delivery watermark, the limits applied, and the conditions ({@code
 * buffer_filling}, {@code buffer_full}) and timeline entries ({@code backlog-drained}, {@code
 * source-restarted}) they lead to by {@link BufferRules}. The job reads NATS; this decides.
 */
@Service
public class SiteBufferHealth {

  /**
   * A site as the store-and-forward job needs it.
   *
   * @param relay the tenant's relay that sources the site's buffer; empty until its leaf connects
   * @param lastSeq the buffer's last sequence when last observed
   * @param deliveredRelaySeq where the relay holds the newest message it has from the site
   * @param holdsDelivered the buffer, when last observed, still held messages the hub has
   */
  public record BufferedSite(
      UUID siteId,
      UUID tenantId,
      SiteSlug slug,
      String leafUserKey,
      boolean leafConnected,
      Optional<OffsetDateTime> connectedAt,
      boolean silent,
      Optional<OffsetDateTime> unansweredSince,
      BufferLimits limits,
      boolean limitsApplied,
      long deliveredSeq,
      Optional<Long> undelivered,
      Optional<Long> bufferedBytes,
      Optional<OffsetDateTime> stalledSince,
      Optional<Integer> relay,
      Optional<OffsetDateTime> observedAt,
      OptionalLong lastSeq,
      long deliveredRelaySeq,
      boolean holdsDelivered) {

    /** The last observation found the buffer full: collectors' publishes are refused. */
    public boolean full() {
      return bufferedBytes
          .map(
              bytes -> BufferRules.fill(100.0 * bytes / limits.maxBytes()) == BufferRules.Fill.FULL)
          .orElse(false);
    }
  }

  /** What the job should do after an observation. */
  public enum Verdict {
    HEALTHY,
    RESTART_SOURCE
  }

  private static final String SITES =
      """
      SELECT s.id, s.tenant_id, s.slug, l.leaf_user_public_key, l.status AS leaf_status, l.connected_at,
             l.silent_since, b.unanswered_since, b.max_age_seconds, b.max_bytes,
             b.applied_max_age_seconds, b.applied_max_bytes, b.delivered_seq, b.messages,
             b.bytes, b.first_seq, b.last_seq, b.stalled_since, b.relay_number, b.observed_at,
             b.delivered_relay_seq
        FROM edge_sites s
        JOIN site_buffers b ON b.edge_site_id = s.id
        LEFT JOIN nats_leaf_servers l ON l.edge_site_id = s.id
      """;

  private final JdbcClient jdbc;
  private final SiteConditions conditions;
  private final SiteTimeline timeline;
  private final SiteHealth health;

  SiteBufferHealth(
      JdbcClient jdbc, SiteConditions conditions, SiteTimeline timeline, SiteHealth health) {
    this.health = health;
    this.jdbc = jdbc;
    this.conditions = conditions;
    this.timeline = timeline;
  }

  /** Every site with its buffer settings and last observation, oldest tenant first. */
  public List<BufferedSite> sites() {
    return jdbc.sql(SITES + " ORDER BY s.tenant_id, s.slug").query(SiteBufferHealth::site).list();
  }

  /** One tenant's sites, as {@link #sites()}. */
  public List<BufferedSite> sites(UUID tenantId) {
    return jdbc.sql(SITES + " WHERE s.tenant_id = :tenant ORDER BY s.slug")
        .param("tenant", tenantId)
        .query(SiteBufferHealth::site)
        .list();
  }

  private static BufferedSite site(ResultSet rs, int row) throws SQLException {
    long maxAge = rs.getLong("max_age_seconds");
    long maxBytes = rs.getLong("max_bytes");
    Long messages = rs.getObject("messages", Long.class);
    long delivered = rs.getLong("delivered_seq");
    long firstSeq = rs.getLong("first_seq");
    long lastSeq = rs.getLong("last_seq");
    Optional<Long> undelivered =
        Optional.ofNullable(messages)
            .map(held -> BufferState.undelivered(held, firstSeq, lastSeq, delivered));
    return new BufferedSite(
        rs.getObject("id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        SiteSlug.of(rs.getString("slug")),
        rs.getString("leaf_user_public_key"),
        "connected".equals(rs.getString("leaf_status")),
        Optional.ofNullable(rs.getObject("connected_at", OffsetDateTime.class)),
        rs.getObject("silent_since", OffsetDateTime.class) != null,
        Optional.ofNullable(rs.getObject("unanswered_since", OffsetDateTime.class)),
        BufferLimits.of(maxAge, maxBytes),
        Long.valueOf(maxAge).equals(rs.getObject("applied_max_age_seconds", Long.class))
            && Long.valueOf(maxBytes).equals(rs.getObject("applied_max_bytes", Long.class)),
        delivered,
        undelivered,
        Optional.ofNullable(rs.getObject("bytes", Long.class)),
        Optional.ofNullable(rs.getObject("stalled_since", OffsetDateTime.class)),
        Optional.ofNullable(rs.getObject("relay_number", Integer.class)),
        Optional.ofNullable(rs.getObject("observed_at", OffsetDateTime.class)),
        messages == null ? OptionalLong.empty() : OptionalLong.of(lastSeq),
        rs.getLong("delivered_relay_seq"),
        messages != null && messages > 0 && firstSeq <= delivered);
  }

  /** The leaf's stream now has these limits. */
  @Transactional
  public void limitsApplied(UUID siteId, BufferLimits limits) {
    jdbc.sql(
            """
            UPDATE site_buffers SET applied_max_age_seconds = :age, applied_max_bytes = :bytes
             WHERE edge_site_id = :id
            """)
        .param("age", limits.maxAge().toSeconds())
        .param("bytes", limits.maxBytes())
        .param("id", siteId)
        .update();
  }

  /**
   * The site's buffer is sourced by this relay of its tenant from now on; the relay is also noted
   * for the slug, beyond the site's deletion ({@link #relaysOfSlugs}).
   */
  @Transactional
  public void joinedRelay(BufferedSite site, int relay) {
    jdbc.sql("UPDATE site_buffers SET relay_number = :relay WHERE edge_site_id = :id")
        .param("relay", relay)
        .param("id", site.siteId())
        .update();
    jdbc.sql(
            """
            INSERT INTO relay_slugs (tenant_id, slug, relay_number)
            SELECT :tenant, :slug, :relay
             WHERE NOT EXISTS (SELECT 1 FROM relay_slugs
                                WHERE tenant_id = :tenant AND slug = :slug AND relay_number = :relay)
            """)
        .param("tenant", site.tenantId())
        .param("slug", site.slug().value())
        .param("relay", relay)
        .update();
  }

  /** Every relay each slug of the tenant was ever placed in, deleted sites' included. */
  public Map<SiteSlug, Set<Integer>> relaysOfSlugs(UUID tenantId) {
    Map<SiteSlug, Set<Integer>> relays = new HashMap<>();
    jdbc.sql("SELECT slug, relay_number FROM relay_slugs WHERE tenant_id = :tenant")
        .param("tenant", tenantId)
        .query(
            (rs, row) ->
                relays
                    .computeIfAbsent(SiteSlug.of(rs.getString("slug")), slug -> new HashSet<>())
                    .add(rs.getInt("relay_number")))
        .list();
    return relays;
  }

  /**
   * The hub holds the site's buffer up to this message (the watermark never moves back); a relay
   * holds it at {@link Delivered#heldSeq()}, 0 when it came straight into {@code EDGE_INGEST} (a
   * site sourced before relays existed).
   */
  @Transactional
  public void delivered(UUID siteId, Delivered delivered, boolean inRelay) {
    jdbc.sql(
            """
            UPDATE site_buffers SET delivered_seq = :seq, last_delivered_at = :at,
                   delivered_relay_seq = :held
             WHERE edge_site_id = :id AND delivered_seq < :seq
            """)
        .param("seq", delivered.sourceSeq())
        .param("held", inRelay ? delivered.heldSeq() : 0)
        .param("at", delivered.storedAt().atOffset(ZoneOffset.UTC))
        .param("id", siteId)
        .update();
  }

  /**
   * Records the leaf's stream as read now, raises or clears the fill conditions, notes a drained
   * backlog, and tells whether the hub's source of the site has been stalled for {@code
   * stallAfter}.
   *
   * @param site the site as read before the observation (its previous backlog and watermark)
   * @param deliveredMoved whether the hub's watermark for the site moved since the last observation
   */
  @Transactional
  public Verdict observed(
      BufferedSite site,
      BufferState state,
      long deliveredSeq,
      boolean deliveredMoved,
      Duration stallAfter,
      OffsetDateTime now) {
    long undelivered = state.undeliveredAfter(deliveredSeq);
    Optional<OffsetDateTime> stalledSince =
        BufferRules.stalledSince(
            site.stalledSince(), site.leafConnected(), undelivered, deliveredMoved, now);
    jdbc.sql(
            """
            UPDATE site_buffers SET messages = :messages, bytes = :bytes, first_seq = :first,
                   last_seq = :last, oldest_at = :oldest, observed_at = :now, stalled_since = :stalled
             WHERE edge_site_id = :id
            """)
        .param("messages", state.messages())
        .param("bytes", state.bytes())
        .param("first", state.firstSeq())
        .param("last", state.lastSeq())
        .param("oldest", state.oldestAt().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null))
        .param("now", now)
        .param("stalled", stalledSince.orElse(null))
        .param("id", site.siteId())
        .update();
    recordFill(site, state, now);
    if (BufferRules.drained(site.undelivered().orElse(null), undelivered)) {
      timeline.record(
          site.siteId(),
          site.tenantId(),
          now,
          "backlog-drained",
          "the hub holds everything the site buffered ("
              + site.undelivered().get()
              + " messages waited)");
    }
    return BufferRules.needsRestart(stalledSince, stallAfter, now)
        ? Verdict.RESTART_SOURCE
        : Verdict.HEALTHY;
  }

  /**
   * What probing the leaf's JetStream through its link said: a leaf the hub has listed as connected
   * for longer than {@code silentAfter} that has not answered for that long is on a half-open link
   * (nats-server 2.9.10 does not notice while it sources the site, nats-server issue 4014); an
   * answer ends that.
   */
  @Transactional
  public void linkProbed(
      BufferedSite site, boolean leafAnswered, Duration silentAfter, OffsetDateTime now) {
    if (site.leafUserKey() == null) {
      return;
    }
    OffsetDateTime unansweredSince = site.unansweredSince().orElse(now);
    jdbc.sql("UPDATE site_buffers SET unanswered_since = :since WHERE edge_site_id = :id")
        .param("since", leafAnswered ? null : unansweredSince)
        .param("id", site.siteId())
        .update();
    switch (BufferRules.link(
        leafAnswered,
        unansweredSince,
        silentAfter,
        site.leafConnected() ? site.connectedAt() : Optional.empty(),
        now)) {
      case HALF_OPEN ->
          health.silent(site.leafUserKey(), now, Duration.between(unansweredSince, now));
      case CARRYING -> health.heardFrom(site.leafUserKey());
      case UNDECIDED -> {}
    }
  }

  /** The hub's source of the site was restarted to repair a stall; the stall clock starts over. */
  @Transactional
  public void sourceRestarted(BufferedSite site, long undelivered, OffsetDateTime now) {
    jdbc.sql("UPDATE site_buffers SET stalled_since = :now WHERE edge_site_id = :id")
        .param("now", now)
        .param("id", site.siteId())
        .update();
    timeline.record(
        site.siteId(),
        site.tenantId(),
        now,
        "source-restarted",
        undelivered + " buffered messages had stopped reaching the hub; its source was restarted");
  }

  private void recordFill(BufferedSite site, BufferState state, OffsetDateTime now) {
    String detail =
        String.format(
            "the buffer holds %d bytes of %d (%.1f %%)",
            state.bytes(), state.limits().maxBytes(), state.percentFull());
    switch (BufferRules.fill(state.percentFull())) {
      case FULL -> {
        conditions.raise(
            site.siteId(),
            site.tenantId(),
            SiteCondition.Kind.BUFFER_FULL,
            SiteCondition.Severity.CRITICAL,
            detail + ": collectors' publishes are refused",
            now);
        conditions.clear(site.siteId(), site.tenantId(), SiteCondition.Kind.BUFFER_FILLING, now);
      }
      case FILLING -> {
        conditions.raise(
            site.siteId(),
            site.tenantId(),
            SiteCondition.Kind.BUFFER_FILLING,
            SiteCondition.Severity.WARNING,
            detail,
            now);
        conditions.clear(site.siteId(), site.tenantId(), SiteCondition.Kind.BUFFER_FULL, now);
      }
      case NORMAL -> {
        conditions.clear(site.siteId(), site.tenantId(), SiteCondition.Kind.BUFFER_FULL, now);
        conditions.clear(site.siteId(), site.tenantId(), SiteCondition.Kind.BUFFER_FILLING, now);
      }
    }
  }
}
