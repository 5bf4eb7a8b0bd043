package com.serviceradar.edge.server.audit;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Inserts and reads audit rows. There is deliberately no update or delete. */
@Repository
class AuditRepository {

  private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  AuditRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(AuditRecord record, OffsetDateTime occurredAt) {
    jdbc.sql(
            """
            INSERT INTO audit_events
              (occurred_at, actor, actor_role, tenant_id, action, target, outcome, source_address, details)
            VALUES (:occurredAt, :actor, :role, :tenantId, :action, :target, :outcome, :source, :details)
            """)
        .param("occurredAt", occurredAt)
        .param("actor", record.actor().id())
        .param("role", record.actor().role().wireName())
        .param("tenantId", record.tenantId())
        .param("action", record.action())
        .param("target", record.target())
        .param("outcome", record.outcome().wireName())
        .param("source", record.actor().sourceAddress())
        .param("details", json.writeValueAsString(record.details()))
        .update();
  }

  List<AuditEvent> find(AuditQuery query) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, occurred_at, actor, actor_role, tenant_id, action, target, outcome, source_address, details"
                + " FROM audit_events WHERE 1 = 1");
    var params = new HashMap<String, Object>();
    if (query.tenantId() != null) {
      sql.append(" AND tenant_id = :tenantId");
      params.put("tenantId", query.tenantId());
    }
    if (query.action() != null) {
      sql.append(" AND action = :action");
      params.put("action", query.action());
    }
    if (query.actor() != null) {
      sql.append(" AND actor = :actor");
      params.put("actor", query.actor());
    }
    if (query.target() != null) {
      sql.append(" AND target = :target");
      params.put("target", query.target());
    }
    if (query.from() != null) {
      sql.append(" AND occurred_at >= :from");
      params.put("from", query.from());
    }
    if (query.to() != null) {
      sql.append(" AND occurred_at < :to");
      params.put("to", query.to());
    }
    if (query.before() != null) {
      sql.append(" AND id < :before");
      params.put("before", query.before());
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    params.put("limit", query.limit());
    return jdbc.sql(sql.toString())
        .params(params)
        .query(
            (rs, row) ->
                new AuditEvent(
                    rs.getLong("id"),
                    rs.getObject("occurred_at", OffsetDateTime.class),
                    rs.getString("actor"),
                    rs.getString("actor_role"),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("action"),
                    rs.getString("target"),
                    rs.getString("outcome"),
                    rs.getString("source_address"),
                    json.readValue(rs.getString("details"), DETAILS)))
        .list();
  }
}
