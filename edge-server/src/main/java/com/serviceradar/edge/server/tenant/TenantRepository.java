package com.serviceradar.edge.server.tenant;

import com.serviceradar.edge.names.TenantSlug;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

  private static final String SELECT_TENANT =
      """
      SELECT t.id, t.slug, t.name, t.created_at, a.public_key AS nats_account_public_key
        FROM tenants t
        LEFT JOIN nats_accounts a ON a.tenant_id = t.id
      """;

  private final JdbcClient jdbc;

  TenantRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Tenant tenant) {
    jdbc.sql(
            "INSERT INTO tenants (id, slug, name, created_at) VALUES (:id, :slug, :name, :createdAt)")
        .param("id", tenant.id())
        .param("slug", tenant.slug().value())
        .param("name", tenant.name())
        .param("createdAt", tenant.createdAt())
        .update();
  }

  Optional<Tenant> findById(UUID id) {
    return jdbc.sql(SELECT_TENANT + " WHERE t.id = :id")
        .param("id", id)
        .query(TenantRepository::map)
        .optional();
  }

  List<Tenant> findAll() {
    return jdbc.sql(SELECT_TENANT + " ORDER BY t.slug").query(TenantRepository::map).list();
  }

  private static Tenant map(ResultSet rs, int row) throws SQLException {
    return new Tenant(
        rs.getObject("id", UUID.class),
        TenantSlug.of(rs.getString("slug")),
        rs.getString("name"),
        rs.getString("nats_account_public_key"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
