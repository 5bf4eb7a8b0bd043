package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.bundle.CollectorType;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.server.system.AtRestSecrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Collector packages; every read and write names the tenant. */
@Repository
class CollectorPackageRepository {

  /** What a bundle needs beyond the package row: the user's JWT and seed, certificate and key. */
  record Secrets(String userJwt, String userSeed, String certificatePem, String privateKeyPem) {

    @Override
    public String toString() {
      return "Secrets[hidden]";
    }
  }

  private static final String SELECT =
      """
      SELECT id, tenant_id, edge_site_id, collector_type, name, user_public_key, status, created_at,
             revoked_at
        FROM collector_packages
      """;

  private final JdbcClient jdbc;
  private final AtRestSecrets secrets;

  CollectorPackageRepository(JdbcClient jdbc, AtRestSecrets secrets) {
    this.jdbc = jdbc;
    this.secrets = secrets;
  }

  void insert(CollectorPackage collector, UserCredentials user, IssuedCertificate certificate) {
    jdbc.sql(
            """
            INSERT INTO collector_packages
              (id, tenant_id, edge_site_id, collector_type, name, user_public_key, user_jwt,
               user_seed_sealed, certificate_pem, private_key_sealed, status, created_at)
            VALUES (:id, :tenantId, :siteId, :type, :name, :userKey, :userJwt, :userSeed,
                    :certificate, :privateKey, :status, :createdAt)
            """)
        .param("id", collector.id())
        .param("tenantId", collector.tenantId())
        .param("siteId", collector.edgeSiteId())
        .param("type", collector.type().wireName())
        .param("name", collector.name())
        .param("userKey", user.publicKey())
        .param("userJwt", user.jwt())
        .param(
            "userSeed",
            secrets.seal(new String(user.seed().reveal()), place("user_seed", collector.id())))
        .param("certificate", certificate.certificatePem())
        .param(
            "privateKey",
            secrets.seal(certificate.privateKeyPem(), place("private_key", collector.id())))
        .param("status", collector.status().wireName())
        .param("createdAt", collector.createdAt())
        .update();
  }

  Optional<CollectorPackage> find(UUID tenantId, UUID id) {
    return jdbc.sql(SELECT + " WHERE tenant_id = :tenantId AND id = :id")
        .param("tenantId", tenantId)
        .param("id", id)
        .query(CollectorPackageRepository::map)
        .optional();
  }

  /** The tenant's packages, oldest first; only those of one site when {@code siteId} is given. */
  List<CollectorPackage> list(UUID tenantId, Optional<UUID> siteId) {
    String filter = siteId.isPresent() ? " AND edge_site_id = :siteId" : "";
    JdbcClient.StatementSpec query =
        jdbc.sql(SELECT + " WHERE tenant_id = :tenantId" + filter + " ORDER BY created_at, id")
            .param("tenantId", tenantId);
    if (siteId.isPresent()) {
      query = query.param("siteId", siteId.get());
    }
    return query.query(CollectorPackageRepository::map).list();
  }

  Secrets secrets(UUID tenantId, UUID id) {
    return jdbc.sql(
            """
            SELECT user_jwt, user_seed_sealed, certificate_pem, private_key_sealed
              FROM collector_packages WHERE tenant_id = :tenantId AND id = :id
            """)
        .param("tenantId", tenantId)
        .param("id", id)
        .query(
            (rs, row) ->
                new Secrets(
                    rs.getString("user_jwt"),
                    secrets.open(rs.getString("user_seed_sealed"), place("user_seed", id)),
                    rs.getString("certificate_pem"),
                    secrets.open(rs.getString("private_key_sealed"), place("private_key", id))))
        .single();
  }

  void storeStatus(UUID tenantId, UUID id, PackageStatus status, OffsetDateTime revokedAt) {
    jdbc.sql(
            """
            UPDATE collector_packages SET status = :status, revoked_at = :revokedAt
             WHERE tenant_id = :tenantId AND id = :id
            """)
        .param("status", status.wireName())
        .param("revokedAt", revokedAt)
        .param("tenantId", tenantId)
        .param("id", id)
        .update();
  }

  private static String place(String column, UUID id) {
    return "collector_packages." + column + ":" + id;
  }

  private static CollectorPackage map(ResultSet rs, int row) throws SQLException {
    return new CollectorPackage(
        rs.getObject("id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        rs.getObject("edge_site_id", UUID.class),
        CollectorType.fromWireName(rs.getString("collector_type")),
        rs.getString("name"),
        rs.getString("user_public_key"),
        PackageStatus.fromWireName(rs.getString("status")),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("revoked_at", OffsetDateTime.class));
  }
}
