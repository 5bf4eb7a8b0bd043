package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.Role;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserAccountRepository {

  private final JdbcClient jdbc;

  UserAccountRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(UserAccount account, String passwordHash, String createdBy) {
    jdbc.sql(
            """
            INSERT INTO users (id, tenant_id, username, password_hash, role, created_at, created_by)
            VALUES (:id, :tenantId, :username, :hash, :role, :createdAt, :createdBy)
            """)
        .param("id", account.id())
        .param("tenantId", account.tenantId())
        .param("username", account.username())
        .param("hash", passwordHash)
        .param("role", account.role().wireName())
        .param("createdAt", account.createdAt())
        .param("createdBy", createdBy)
        .update();
  }

  /** Every account, or one tenant's, by tenant and username; never the password hash. */
  List<UserAccount> list(UUID tenantId) {
    String where = tenantId == null ? "" : " WHERE tenant_id = :tenantId";
    var query =
        jdbc.sql(
            "SELECT id, tenant_id, username, role, created_at FROM users"
                + where
                + " ORDER BY tenant_id NULLS FIRST, username");
    if (tenantId != null) {
      query = query.param("tenantId", tenantId);
    }
    return query
        .query(
            (rs, row) ->
                new UserAccount(
                    rs.getObject("id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("username"),
                    Role.fromWireName(rs.getString("role")),
                    rs.getObject("created_at", OffsetDateTime.class)))
        .list();
  }

  Optional<SignedInUser> findForLogin(String username) {
    return jdbc.sql(
            "SELECT id, tenant_id, username, role, password_hash FROM users WHERE username = :username")
        .param("username", username)
        .query(
            (rs, row) ->
                new SignedInUser(
                    rs.getObject("id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("username"),
                    Role.fromWireName(rs.getString("role")),
                    rs.getString("password_hash")))
        .optional();
  }
}
