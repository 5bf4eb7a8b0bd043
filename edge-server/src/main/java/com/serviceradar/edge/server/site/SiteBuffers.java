package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.storeforward.BufferLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each site's store-and-forward buffer settings and last observation ({@code site_buffers}): made
 * with the site at the defaults, changed by a tenant admin, shown in the site JSON. A change is
 * written to the timeline, which also tells the store-and-forward job to apply it at the leaf.
 */
@Component
public class SiteBuffers {

  private static final String SELECT =
      """
      SELECT b.edge_site_id, b.max_age_seconds, b.max_bytes, b.messages, b.bytes, b.first_seq,
             b.last_seq, b.delivered_seq, b.oldest_at, b.last_delivered_at, b.observed_at
        FROM site_buffers b
      """;

  private final JdbcClient jdbc;
  private final AuditLog auditLog;
  private final SiteTimeline timeline;
  private final EdgeSiteRepository sites;
  private final Clock clock;

  SiteBuffers(
      JdbcClient jdbc,
      AuditLog auditLog,
      SiteTimeline timeline,
      EdgeSiteRepository sites,
      Clock clock) {
    this.jdbc = jdbc;
    this.auditLog = auditLog;
    this.timeline = timeline;
    this.sites = sites;
    this.clock = clock;
  }

  public SiteBuffer find(UUID siteId) {
    return jdbc.sql(SELECT + " WHERE b.edge_site_id = :id")
        .param("id", siteId)
        .query((rs, row) -> map(rs))
        .optional()
        .orElse(SiteBuffer.unobserved(BufferLimits.DEFAULT));
  }

  Map<UUID, SiteBuffer> bySite(UUID tenantId) {
    return jdbc
        .sql(SELECT + " WHERE b.tenant_id = :tenantId")
        .param("tenantId", tenantId)
        .query((rs, row) -> Map.entry(rs.getObject("edge_site_id", UUID.class), map(rs)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /**
   * New limits for the site's buffer; the leaf's stream gets them at the next round while it is
   * connected. Limits are checked before anything is written.
   */
  public SiteBuffer changeLimits(Actor actor, UUID siteId, Long maxAgeSeconds, Long maxBytes) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.buffer",
        "edge-site:" + siteId,
        () -> {
          BufferLimits limits = limitsFrom(maxAgeSeconds, maxBytes);
          sites
              .find(tenantId, siteId)
              .orElseThrow(() -> ApiProblemException.notFound("no edge site " + siteId));
          jdbc.sql(
                  """
                  UPDATE site_buffers SET max_age_seconds = :age, max_bytes = :bytes
                   WHERE edge_site_id = :id AND tenant_id = :tenantId
                  """)
              .param("age", limits.maxAge().toSeconds())
              .param("bytes", limits.maxBytes())
              .param("id", siteId)
              .param("tenantId", tenantId)
              .update();
          String detail = describe(limits);
          timeline.record(
              siteId,
              tenantId,
              Timestamps.now(clock),
              "buffer-settings",
              "buffer limits: " + detail);
          auditLog.record(
              AuditRecord.success(actor, "edge-site.buffer", "edge-site:" + siteId)
                  .withDetails(
                      Map.of(
                          "maxAgeSeconds", String.valueOf(limits.maxAge().toSeconds()),
                          "maxBytes", String.valueOf(limits.maxBytes()))));
          return find(siteId);
        });
  }

  private static BufferLimits limitsFrom(Long maxAgeSeconds, Long maxBytes) {
    if (maxAgeSeconds == null) {
      throw ApiProblemException.invalid("maxAgeSeconds is required");
    }
    if (maxBytes == null) {
      throw ApiProblemException.invalid("maxBytes is required");
    }
    try {
      return BufferLimits.of(maxAgeSeconds, maxBytes);
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid(e.getMessage());
    }
  }

  private static String describe(BufferLimits limits) {
    return "maxAgeSeconds=" + limits.maxAge().toSeconds() + " maxBytes=" + limits.maxBytes();
  }

  private static SiteBuffer map(ResultSet rs) throws SQLException {
    return SiteBuffer.of(
        BufferLimits.of(rs.getLong("max_age_seconds"), rs.getLong("max_bytes")),
        rs.getObject("messages", Long.class),
        rs.getObject("bytes", Long.class),
        rs.getLong("first_seq"),
        rs.getLong("last_seq"),
        rs.getLong("delivered_seq"),
        rs.getObject("oldest_at", OffsetDateTime.class),
        rs.getObject("last_delivered_at", OffsetDateTime.class),
        rs.getObject("observed_at", OffsetDateTime.class));
  }
}
