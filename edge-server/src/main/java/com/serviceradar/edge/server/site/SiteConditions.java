package com.serviceradar.edge.server.site;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conditions sites have now: raised while they hold, cleared (deleted) when they stop, each
 * change on the site's timeline. Also the periodic scans that find them: certificate expiry,
 * outdated configurations, flapping that has settled.
 */
@Service
public class SiteConditions {

  static final Duration FLAPPING_WINDOW = Duration.ofMinutes(10);
  static final int FLAPPING_DISCONNECTS = 3;
  public static final Duration CERT_WARNING = Duration.ofDays(30);
  public static final Duration CERT_CRITICAL = Duration.ofDays(7);

  private final JdbcClient jdbc;
  private final SiteTimeline timeline;

  SiteConditions(JdbcClient jdbc, SiteTimeline timeline) {
    this.jdbc = jdbc;
    this.timeline = timeline;
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
            .param("detail", SiteHealth.shorten(detail))
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
          .param("detail", SiteHealth.shorten(detail))
          .param("since", at)
          .update();
      timeline.record(siteId, tenantId, at, "condition-raised", kind.wireName() + ": " + detail);
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
      timeline.record(siteId, tenantId, at, "condition-cleared", kind.wireName());
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

  void checkFlapping(UUID siteId, UUID tenantId, OffsetDateTime at) {
    long disconnects =
        jdbc.sql(
                """
                SELECT COUNT(*) FROM site_events
                 WHERE edge_site_id = :id AND kind = 'disconnected' AND occurred_at > :since
                """)
            .param("id", siteId)
            .param("since", at.minus(FLAPPING_WINDOW))
            .query(Long.class)
            .single();
    if (disconnects >= FLAPPING_DISCONNECTS) {
      raise(
          siteId,
          tenantId,
          SiteCondition.Kind.FLAPPING,
          SiteCondition.Severity.WARNING,
          disconnects + " disconnects in the last 10 minutes",
          at);
    }
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
}
