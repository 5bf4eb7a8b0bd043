package com.serviceradar.edge.server.site;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each site's timeline: what happened to its leaf, newest first, announced for live views. */
@Component
public class SiteTimeline {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  SiteTimeline(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
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

  void record(UUID siteId, UUID tenantId, OffsetDateTime at, String kind, String detail) {
    jdbc.sql(
            """
            INSERT INTO site_events (edge_site_id, tenant_id, occurred_at, kind, detail)
            VALUES (:siteId, :tenantId, :at, :kind, :detail)
            """)
        .param("siteId", siteId)
        .param("tenantId", tenantId)
        .param("at", at)
        .param("kind", kind)
        .param("detail", SiteHealth.shorten(detail))
        .update();
    events.publishEvent(new SiteHealthChanged(siteId, tenantId, kind));
  }
}
