package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.Role;
import java.time.OffsetDateTime;
import java.util.List;
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

  /** A tenant's tokens, newest first, without their hashes. */
  List<ApiTokens.TokenInfo> list(UUID tenantId) {
    return jdbc.sql(
            """
            SELECT id, tenant_id, edge_site_id, name, role, created_at, created_by, revoked_at
              FROM api_tokens WHERE tenant_id = :tenantId ORDER BY created_at DESC, id
            """)
        .param("tenantId", tenantId)
        .query(
            (rs, row) ->
                new ApiTokens.TokenInfo(
                    rs.getObject("id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getObject("edge_site_id", UUID.class),
                    rs.getString("name"),
                    Role.fromWireName(rs.getString("role")),
                    rs.getObject("created_at", OffsetDateTime.class),
                    rs.getString("created_by"),
                    rs.getObject("revoked_at", OffsetDateTime.class)))
        .list();
  }

  /** Marks the tenant's token revoked; false when the tenant has no such active token. */
  boolean revoke(UUID tenantId, UUID tokenId, OffsetDateTime at) {
    return jdbc.sql(
                """
                UPDATE api_tokens SET revoked_at = :at
                 WHERE id = :id AND tenant_id = :tenantId AND revoked_at IS NULL
                """)
            .param("at", at)
            .param("id", tokenId)
            .param("tenantId", tenantId)
            .update()
        == 1;
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
