package com.serviceradar.edge.server.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The alerts table, the delivery rows queued with each transition, and the read of the site state
 * that calls for alerts. Leaf status and conditions are read here, never written.
 */
@Repository
class AlertRepository {

  private static final String COLUMNS =
      "id, edge_site_id, tenant_id, site_name, site_slug, kind, severity, state, opened_at,"
          + " resolved_at, detail";

  private final JdbcClient jdbc;

  AlertRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every alert the sites' state calls for now: leafs disconnected since {@code cutoff} or earlier,
   * and one per condition row.
   */
  List<DesiredAlert> desired(OffsetDateTime cutoff) {
    List<DesiredAlert> desired = new ArrayList<>();
    desired.addAll(
        jdbc.sql(
                """
                SELECT s.id, s.tenant_id, s.name, s.slug, l.disconnected_at, l.last_disconnect_reason
                  FROM edge_sites s JOIN nats_leaf_servers l ON l.edge_site_id = s.id
                 WHERE l.status = 'disconnected' AND l.disconnected_at <= :cutoff
                """)
            .param("cutoff", cutoff)
            .query(
                (rs, row) ->
                    new DesiredAlert(
                        rs.getObject("id", UUID.class),
                        rs.getObject("tenant_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("slug"),
                        DesiredAlert.DISCONNECTED,
                        "critical",
                        disconnectDetail(
                            rs.getObject("disconnected_at", OffsetDateTime.class),
                            rs.getString("last_disconnect_reason"))))
            .list());
    desired.addAll(
        jdbc.sql(
                """
                SELECT s.id, s.tenant_id, s.name, s.slug, c.kind, c.severity, c.detail
                  FROM site_conditions c JOIN edge_sites s ON s.id = c.edge_site_id
                """)
            .query(
                (rs, row) ->
                    new DesiredAlert(
                        rs.getObject("id", UUID.class),
                        rs.getObject("tenant_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("slug"),
                        rs.getString("kind"),
                        rs.getString("severity"),
                        rs.getString("detail")))
            .list());
    return desired;
  }

  private static String disconnectDetail(OffsetDateTime since, String reason) {
    String detail =
        "leaf disconnected since "
            + since.withOffsetSameInstant(ZoneOffset.UTC)
            + (reason == null ? "" : " (" + reason.strip() + ")");
    return detail.length() <= 1000 ? detail : detail.substring(0, 1000);
  }

  List<Alert> open() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE state = 'open'")
        .query((rs, row) -> alert(rs))
        .list();
  }

  /** Fails with a duplicate key when the site already has an open alert of that kind. */
  void insert(Alert alert) {
    jdbc.sql(
            """
            INSERT INTO alerts (id, edge_site_id, tenant_id, site_name, site_slug, kind, severity, state,
                                opened_at, resolved_at, detail, open_key)
            VALUES (:id, :siteId, :tenantId, :siteName, :siteSlug, :kind, :severity, 'open',
                    :openedAt, NULL, :detail, :kind)
            """)
        .param("id", alert.id())
        .param("siteId", alert.siteId())
        .param("tenantId", alert.tenantId())
        .param("siteName", alert.siteName())
        .param("siteSlug", alert.siteSlug())
        .param("kind", alert.kind())
        .param("severity", alert.severity())
        .param("openedAt", alert.openedAt())
        .param("detail", alert.detail())
        .update();
  }

  /**
   * Stores the move to resolved.
   *
   * @return false when the alert was resolved already (by another replica), so nothing is announced
   *     twice
   */
  boolean markResolved(Alert resolved) {
    return jdbc.sql(
                """
                UPDATE alerts SET state = 'resolved', open_key = NULL, resolved_at = :resolvedAt
                 WHERE id = :id AND state = 'open'
                """)
            .param("resolvedAt", resolved.resolvedAt())
            .param("id", resolved.id())
            .update()
        == 1;
  }

  void enqueueDelivery(UUID alertId, Transition transition, OffsetDateTime now) {
    jdbc.sql(
            """
            INSERT INTO alert_deliveries (id, alert_id, transition, state, attempts, next_attempt_at, created_at)
            VALUES (:id, :alertId, :transition, 'pending', 0, :now, :now)
            """)
        .param("id", UUID.randomUUID())
        .param("alertId", alertId)
        .param("transition", transition.wireName())
        .param("now", now)
        .update();
  }

  /**
   * Newest first.
   *
   * @param tenantId null for every tenant
   * @param state null for both states
   */
  List<Alert> list(UUID tenantId, AlertState state, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE 1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (tenantId != null) {
      sql.append(" AND tenant_id = :tenantId");
      params.put("tenantId", tenantId);
    }
    if (state != null) {
      sql.append(" AND state = :state");
      params.put("state", state.wireName());
    }
    sql.append(" ORDER BY opened_at DESC, id LIMIT :limit");
    params.put("limit", limit);
    return jdbc.sql(sql.toString()).params(params).query((rs, row) -> alert(rs)).list();
  }

  Optional<Alert> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE id = :id")
        .param("id", id)
        .query((rs, row) -> alert(rs))
        .optional();
  }

  /** An alert from a row with the {@code alerts} columns; deliveries read it joined to theirs. */
  static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(
        rs.getObject("id", UUID.class),
        rs.getObject("edge_site_id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("site_name"),
        rs.getString("site_slug"),
        rs.getString("kind"),
        rs.getString("severity"),
        AlertState.fromWireName(rs.getString("state")),
        rs.getObject("opened_at", OffsetDateTime.class),
        rs.getObject("resolved_at", OffsetDateTime.class),
        rs.getString("detail"));
  }
}
