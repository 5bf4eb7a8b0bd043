package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the hub observes of each site's leaf, written down: connected and disconnected (with the
 * legal moves of {@link LeafServerStatus} and {@link SiteStatus}), last seen, the timeline, and
 * conditions. The monitor calls this; it never decides state itself.
 */
@Service
public class SiteHealth {

  static final Duration FLAPPING_WINDOW = Duration.ofMinutes(10);
  static final int FLAPPING_DISCONNECTS = 3;
  static final Duration CERT_WARNING = Duration.ofDays(30);
  static final Duration CERT_CRITICAL = Duration.ofDays(7);

  /** A leaf as the hub reports it. */
  public record ObservedLeaf(
      String userKey, String nameTag, String certSha256, String certSubject) {}

  private record LeafRow(
      UUID siteId,
      UUID tenantId,
      UUID leafId,
      SiteStatus siteStatus,
      LeafServerStatus leafStatus,
      String issuedCertSha256) {}

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  SiteHealth(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  /** The leaf with this user connected to the hub. Empty when the user is no current site's. */
  @Transactional
  public Optional<UUID> connected(String userKey, OffsetDateTime at) {
    return leafOfUser(userKey)
        .map(
            leaf -> {
              if (leaf.leafStatus() != LeafServerStatus.CONNECTED) {
                jdbc.sql(
                        """
                        UPDATE nats_leaf_servers SET status = :status, connected_at = :at, updated_at = :now
                         WHERE id = :id
                        """)
                    .param(
                        "status", leaf.leafStatus().moveTo(LeafServerStatus.CONNECTED).wireName())
                    .param("at", at)
                    .param("now", Timestamps.now(clock))
                    .param("id", leaf.leafId())
                    .update();
                record(leaf, at, "connected", null);
              }
              updateSite(leaf, SiteStatus.ACTIVE, at);
              return leaf.siteId();
            });
  }

  /** The leaf with this user disconnected from the hub, for the reason the hub gave. */
  @Transactional
  public Optional<UUID> disconnected(String userKey, OffsetDateTime at, String reason) {
    return leafOfUser(userKey)
        .filter(leaf -> leaf.leafStatus() == LeafServerStatus.CONNECTED)
        .map(
            leaf -> {
              jdbc.sql(
                      """
                      UPDATE nats_leaf_servers
                         SET status = :status, disconnected_at = :at, last_disconnect_reason = :reason,
                             updated_at = :now
                       WHERE id = :id
                      """)
                  .param(
                      "status", leaf.leafStatus().moveTo(LeafServerStatus.DISCONNECTED).wireName())
                  .param("at", at)
                  .param("reason", shorten(reason))
                  .param("now", Timestamps.now(clock))
                  .param("id", leaf.leafId())
                  .update();
              record(leaf, at, "disconnected", reason);
              updateSite(leaf, SiteStatus.OFFLINE, at);
              checkFlapping(leaf, at);
              return leaf.siteId();
            });
  }

  /**
   * The hub lists the leaf as connected now (reconciliation): keeps it marked connected and seen,
   * and compares the certificate it presented with the one issued.
   */
  @Transactional
  public Optional<UUID> seen(ObservedLeaf observed, OffsetDateTime at) {
    Optional<UUID> site = connected(observed.userKey(), at);
    leafOfUser(observed.userKey()).ifPresent(leaf -> checkIdentity(leaf, observed, at));
    return site;
  }

  /**
   * Users of the tenant's leafs that are marked connected, to find the ones the hub no longer
   * lists.
   */
  public List<String> connectedLeafUsers(UUID tenantId) {
    return jdbc.sql(
            """
            SELECT l.leaf_user_public_key FROM nats_leaf_servers l JOIN edge_sites s ON s.id = l.edge_site_id
             WHERE s.tenant_id = :tenantId AND l.status = 'connected'
            """)
        .param("tenantId", tenantId)
        .query(String.class)
        .list();
  }

  /**
   * A leaf connected with a user that is not its site's current one: a revoked or foreign identity,
   * matched to the site by the user's name ({@code leaf.<site>.<tenant>}).
   */
  @Transactional
  public Optional<UUID> unknownLeaf(
      UUID tenantId, String nameTag, String userKey, OffsetDateTime at) {
    String[] parts = nameTag == null ? new String[0] : nameTag.split("\\.");
    if (parts.length != 3 || !"leaf".equals(parts[0])) {
      return Optional.empty();
    }
    Optional<UUID> site =
        jdbc.sql("SELECT id FROM edge_sites WHERE tenant_id = :tenantId AND slug = :slug")
            .param("tenantId", tenantId)
            .param("slug", parts[1])
            .query(UUID.class)
            .optional();
    site.ifPresent(
        siteId ->
            raise(
                siteId,
                tenantId,
                SiteCondition.Kind.UNKNOWN_LEAF,
                SiteCondition.Severity.CRITICAL,
                "leaf user " + userKey + " is connected but is not this site's current user",
                at));
    return site;
  }

  /** No unknown leaf of the tenant is connected any more. */
  @Transactional
  public void noUnknownLeafsExcept(
      UUID tenantId, List<UUID> sitesWithUnknownLeafs, OffsetDateTime at) {
    for (UUID siteId : sitesWithCondition(tenantId, SiteCondition.Kind.UNKNOWN_LEAF)) {
      if (!sitesWithUnknownLeafs.contains(siteId)) {
        clear(siteId, tenantId, SiteCondition.Kind.UNKNOWN_LEAF, at);
      }
    }
  }

  public List<SiteCondition> conditions(UUID siteId) {
    return jdbc.sql(
            "SELECT kind, severity, detail, since FROM site_conditions WHERE edge_site_id = :id ORDER BY kind")
        .param("id", siteId)
        .query(
            (rs, row) ->
                new SiteCondition(
                    SiteCondition.Kind.fromWireName(rs.getString("kind")),
                    SiteCondition.Severity.fromWireName(rs.getString("severity")),
                    rs.getString("detail"),
                    rs.getObject("since", OffsetDateTime.class)))
        .list();
  }

  /** Conditions of every site of a tenant (or of all tenants), for lists. */
  Map<UUID, List<SiteCondition>> conditionsBySite(UUID tenantId) {
    return jdbc
        .sql(
            "SELECT edge_site_id, kind, severity, detail, since FROM site_conditions"
                + (tenantId == null ? "" : " WHERE tenant_id = :tenantId")
                + " ORDER BY kind")
        .params(tenantId == null ? Map.of() : Map.of("tenantId", tenantId))
        .query(
            (rs, row) ->
                Map.entry(
                    rs.getObject("edge_site_id", UUID.class),
                    new SiteCondition(
                        SiteCondition.Kind.fromWireName(rs.getString("kind")),
                        SiteCondition.Severity.fromWireName(rs.getString("severity")),
                        rs.getString("detail"),
                        rs.getObject("since", OffsetDateTime.class))))
        .list()
        .stream()
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  /**
   * Raises a condition (or updates its severity and detail); the timeline notes when it first
   * appears.
   */
  @Transactional
  public void raise(
      UUID siteId,
      UUID tenantId,
      SiteCondition.Kind kind,
      SiteCondition.Severity severity,
      String detail,
      OffsetDateTime at) {
    int updated =
        jdbc.sql(
                """
                UPDATE site_conditions SET severity = :severity, detail = :detail
                 WHERE edge_site_id = :siteId AND kind = :kind
                """)
            .param("severity", severity.wireName())
            .param("detail", shorten(detail))
            .param("siteId", siteId)
            .param("kind", kind.wireName())
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO site_conditions (edge_site_id, tenant_id, kind, severity, detail, since)
              VALUES (:siteId, :tenantId, :kind, :severity, :detail, :since)
              """)
          .param("siteId", siteId)
          .param("tenantId", tenantId)
          .param("kind", kind.wireName())
          .param("severity", severity.wireName())
          .param("detail", shorten(detail))
          .param("since", at)
          .update();
      timeline(siteId, tenantId, at, "condition-raised", kind.wireName() + ": " + detail);
    }
  }

  @Transactional
  public void clear(UUID siteId, UUID tenantId, SiteCondition.Kind kind, OffsetDateTime at) {
    int deleted =
        jdbc.sql("DELETE FROM site_conditions WHERE edge_site_id = :siteId AND kind = :kind")
            .param("siteId", siteId)
            .param("kind", kind.wireName())
            .update();
    if (deleted > 0) {
      timeline(siteId, tenantId, at, "condition-cleared", kind.wireName());
    }
  }

  List<UUID> sitesWithCondition(UUID tenantId, SiteCondition.Kind kind) {
    return jdbc.sql(
            "SELECT edge_site_id FROM site_conditions WHERE tenant_id = :tenantId AND kind = :kind")
        .param("tenantId", tenantId)
        .param("kind", kind.wireName())
        .query(UUID.class)
        .list();
  }

  /** The site's timeline, newest first. */
  public List<SiteEvent> timeline(UUID siteId, int limit) {
    return jdbc.sql(
            "SELECT id, occurred_at, kind, detail FROM site_events WHERE edge_site_id = :id ORDER BY id DESC LIMIT :limit")
        .param("id", siteId)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new SiteEvent(
                    rs.getLong("id"),
                    rs.getObject("occurred_at", OffsetDateTime.class),
                    rs.getString("kind"),
                    rs.getString("detail")))
        .list();
  }

  void timeline(UUID siteId, UUID tenantId, OffsetDateTime at, String kind, String detail) {
    jdbc.sql(
            """
            INSERT INTO site_events (edge_site_id, tenant_id, occurred_at, kind, detail)
            VALUES (:siteId, :tenantId, :at, :kind, :detail)
            """)
        .param("siteId", siteId)
        .param("tenantId", tenantId)
        .param("at", at)
        .param("kind", kind)
        .param("detail", shorten(detail))
        .update();
    events.publishEvent(new SiteHealthChanged(siteId, tenantId, kind));
  }

  private void record(LeafRow leaf, OffsetDateTime at, String kind, String detail) {
    timeline(leaf.siteId(), leaf.tenantId(), at, kind, detail);
  }

  private void updateSite(LeafRow leaf, SiteStatus target, OffsetDateTime seenAt) {
    SiteStatus next = leaf.siteStatus() == target ? target : leaf.siteStatus().moveTo(target);
    jdbc.sql(
            """
            UPDATE edge_sites SET status = :status,
                   last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < :seen THEN :seen ELSE last_seen_at END
             WHERE id = :id
            """)
        .param("status", next.wireName())
        .param("seen", seenAt)
        .param("id", leaf.siteId())
        .update();
  }

  private void checkFlapping(LeafRow leaf, OffsetDateTime at) {
    long disconnects =
        jdbc.sql(
                """
                SELECT COUNT(*) FROM site_events
                 WHERE edge_site_id = :id AND kind = 'disconnected' AND occurred_at > :since
                """)
            .param("id", leaf.siteId())
            .param("since", at.minus(FLAPPING_WINDOW))
            .query(Long.class)
            .single();
    if (disconnects >= FLAPPING_DISCONNECTS) {
      raise(
          leaf.siteId(),
          leaf.tenantId(),
          SiteCondition.Kind.FLAPPING,
          SiteCondition.Severity.WARNING,
          disconnects + " disconnects in the last 10 minutes",
          at);
    }
  }

  /**
   * A site is active only while its leaf is connected: after a regenerate the old connection is cut
   * under a user no site has any more, so no disconnect event names the site.
   */
  @Transactional
  public void settleSiteStatuses() {
    jdbc.sql(
            """
            UPDATE edge_sites SET status = 'offline'
             WHERE status = 'active'
               AND id IN (SELECT edge_site_id FROM nats_leaf_servers WHERE status <> 'connected')
            """)
        .update();
  }

  /**
   * Certificates expiring within 30 days (critical within 7) or expired, and configurations changed
   * since their bundle was last downloaded.
   */
  @Transactional
  public void scanCertificatesAndConfigs(OffsetDateTime now) {
    record Leaf(
        UUID siteId, UUID tenantId, OffsetDateTime expiresAt, String checksum, String downloaded) {}
    List<Leaf> leafs =
        jdbc.sql(
                """
                SELECT s.id, s.tenant_id, l.cert_expires_at, l.config_checksum, l.downloaded_config_checksum
                  FROM nats_leaf_servers l JOIN edge_sites s ON s.id = l.edge_site_id
                 WHERE l.cert_expires_at IS NOT NULL
                """)
            .query(
                (rs, row) ->
                    new Leaf(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, OffsetDateTime.class),
                        rs.getString(4),
                        rs.getString(5)))
            .list();
    for (Leaf leaf : leafs) {
      Duration left = Duration.between(now, leaf.expiresAt());
      if (left.isNegative()) {
        raise(
            leaf.siteId(),
            leaf.tenantId(),
            SiteCondition.Kind.CERT_EXPIRED,
            SiteCondition.Severity.CRITICAL,
            "the leaf's certificates expired at " + leaf.expiresAt(),
            now);
        clear(leaf.siteId(), leaf.tenantId(), SiteCondition.Kind.CERT_EXPIRING, now);
      } else if (left.compareTo(CERT_WARNING) <= 0) {
        raise(
            leaf.siteId(),
            leaf.tenantId(),
            SiteCondition.Kind.CERT_EXPIRING,
            left.compareTo(CERT_CRITICAL) <= 0
                ? SiteCondition.Severity.CRITICAL
                : SiteCondition.Severity.WARNING,
            "the leaf's certificates expire at "
                + leaf.expiresAt()
                + " (in "
                + left.toDays()
                + " days)",
            now);
        clear(leaf.siteId(), leaf.tenantId(), SiteCondition.Kind.CERT_EXPIRED, now);
      } else {
        clear(leaf.siteId(), leaf.tenantId(), SiteCondition.Kind.CERT_EXPIRING, now);
        clear(leaf.siteId(), leaf.tenantId(), SiteCondition.Kind.CERT_EXPIRED, now);
      }
      if (leaf.downloaded() != null && !leaf.downloaded().equals(leaf.checksum())) {
        raise(
            leaf.siteId(),
            leaf.tenantId(),
            SiteCondition.Kind.CONFIG_OUTDATED,
            SiteCondition.Severity.WARNING,
            "the configuration changed since its bundle was downloaded: download it and run setup.sh again",
            now);
      } else {
        clear(leaf.siteId(), leaf.tenantId(), SiteCondition.Kind.CONFIG_OUTDATED, now);
      }
    }
  }

  /** Clears flapping once the last ten minutes hold fewer than three disconnects. */
  @Transactional
  public void settleFlapping(OffsetDateTime now) {
    List<Map.Entry<UUID, UUID>> flapping =
        jdbc.sql("SELECT edge_site_id, tenant_id FROM site_conditions WHERE kind = 'flapping'")
            .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
            .list();
    for (Map.Entry<UUID, UUID> site : flapping) {
      long disconnects =
          jdbc.sql(
                  "SELECT COUNT(*) FROM site_events WHERE edge_site_id = :id AND kind = 'disconnected' AND occurred_at > :since")
              .param("id", site.getKey())
              .param("since", now.minus(FLAPPING_WINDOW))
              .query(Long.class)
              .single();
      if (disconnects < FLAPPING_DISCONNECTS) {
        clear(site.getKey(), site.getValue(), SiteCondition.Kind.FLAPPING, now);
      }
    }
  }

  private void checkIdentity(LeafRow leaf, ObservedLeaf observed, OffsetDateTime at) {
    if (observed.certSha256() == null) {
      return;
    }
    jdbc.sql(
            "UPDATE nats_leaf_servers SET observed_cert_sha256 = :sha, observed_cert_subject = :subject WHERE id = :id")
        .param("sha", observed.certSha256())
        .param("subject", shorten(observed.certSubject()))
        .param("id", leaf.leafId())
        .update();
    if (observed.certSha256().equalsIgnoreCase(leaf.issuedCertSha256())) {
      clear(leaf.siteId(), leaf.tenantId(), SiteCondition.Kind.IDENTITY_MISMATCH, at);
    } else {
      raise(
          leaf.siteId(),
          leaf.tenantId(),
          SiteCondition.Kind.IDENTITY_MISMATCH,
          SiteCondition.Severity.CRITICAL,
          "the leaf presents certificate "
              + observed.certSubject()
              + " (sha256 "
              + observed.certSha256()
              + "), not the one issued to this site",
          at);
    }
  }

  private Optional<LeafRow> leafOfUser(String userKey) {
    return jdbc.sql(
            """
            SELECT s.id AS site_id, s.tenant_id, l.id AS leaf_id, s.status AS site_status,
                   l.status AS leaf_status, l.leaf_certificate_sha256
              FROM nats_leaf_servers l JOIN edge_sites s ON s.id = l.edge_site_id
             WHERE l.leaf_user_public_key = :user
            """)
        .param("user", userKey)
        .query(
            (rs, row) ->
                new LeafRow(
                    rs.getObject("site_id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getObject("leaf_id", UUID.class),
                    SiteStatus.fromWireName(rs.getString("site_status")),
                    LeafServerStatus.fromWireName(rs.getString("leaf_status")),
                    rs.getString("leaf_certificate_sha256")))
        .optional();
  }

  /** Hub-reported text is stored, never trusted for length. */
  private static String shorten(String text) {
    return text == null || text.length() <= 500 ? text : text.substring(0, 500);
  }

  OffsetDateTime now() {
    return Timestamps.now(clock);
  }
}
