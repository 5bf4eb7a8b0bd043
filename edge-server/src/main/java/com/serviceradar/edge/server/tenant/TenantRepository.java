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
    return jdbc.sql("SELECT id, slug, name, created_at FROM tenants WHERE id = :id")
        .param("id", id)
        .query(TenantRepository::map)
        .optional();
  }

  List<Tenant> findAll() {
    return jdbc.sql("SELECT id, slug, name, created_at FROM tenants ORDER BY slug")
        .query(TenantRepository::map)
        .list();
  }

  private static Tenant map(ResultSet rs, int row) throws SQLException {
    return new Tenant(
        rs.getObject("id", UUID.class),
        TenantSlug.of(rs.getString("slug")),
        rs.getString("name"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
