package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.Role;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

  /** The bootstrap token always has this id, so every replica updates the same row. */
  static final UUID BOOTSTRAP_TOKEN_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

  /**
   * @param edgeSiteId the site a {@code site_agent} token is bound to; null for the other roles
   */
  record StoredToken(UUID id, UUID tenantId, String name, Role role, UUID edgeSiteId) {}

  private final JdbcClient jdbc;

  ApiTokenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredToken token, String tokenHash, OffsetDateTime createdAt, String createdBy) {
    jdbc.sql(
            """
            INSERT INTO api_tokens (id, tenant_id, edge_site_id, name, role, token_hash, created_at, created_by)
            VALUES (:id, :tenantId, :siteId, :name, :role, :hash, :createdAt, :createdBy)
            """)
        .param("id", token.id())
        .param("tenantId", token.tenantId())
        .param("siteId", token.edgeSiteId())
        .param("name", token.name())
        .param("role", token.role().wireName())
        .param("hash", tokenHash)
        .param("createdAt", createdAt)
        .param("createdBy", createdBy)
        .update();
  }

  Optional<StoredToken> findActiveByHash(String tokenHash) {
    return jdbc.sql(
            """
            SELECT id, tenant_id, edge_site_id, name, role FROM api_tokens
             WHERE token_hash = :hash AND revoked_at IS NULL
            """)
        .param("hash", tokenHash)
        .query(
            (rs, row) ->
                new StoredToken(
                    rs.getObject("id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("name"),
                    Role.fromWireName(rs.getString("role")),
                    rs.getObject("edge_site_id", UUID.class)))
        .optional();
  }

  /** Points the bootstrap row at a new hash; false when the row does not exist yet. */
  boolean replaceBootstrapHash(String tokenHash) {
    return jdbc.sql("UPDATE api_tokens SET token_hash = :hash WHERE id = :id")
            .param("hash", tokenHash)
            .param("id", BOOTSTRAP_TOKEN_ID)
            .update()
        == 1;
  }
}
