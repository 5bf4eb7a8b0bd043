package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.system.AtRestSecrets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Leaf rotations, and the identity columns of a site's leaf row they swap with. Keys and seeds are
 * sealed under the row that holds them: {@code leaf_rotations.<column>:<rotation id>} here, the
 * leaf row's own places there.
 */
@Repository
class LeafRotationRepository {

  private static final String SELECT_ROTATION =
      """
      SELECT id, edge_site_id, tenant_id, state, old_user_public_key, new_user_public_key,
             new_cert_expires_at, started_at, cut_over_at, finished_at, finish_reason
        FROM leaf_rotations
      """;

  private static final String IDENTITY_COLUMNS =
      """
      leaf_certificate_pem, leaf_private_key_sealed, leaf_certificate_sha256, server_certificate_pem,
      server_private_key_sealed, ca_chain_pem, leaf_user_public_key, leaf_user_jwt,
      leaf_user_seed_sealed, cert_expires_at
      """;

  private static final String SET_IDENTITY =
      """
      leaf_certificate_pem = :leafCertificate, leaf_private_key_sealed = :leafKey,
      leaf_certificate_sha256 = :leafFingerprint, server_certificate_pem = :serverCertificate,
      server_private_key_sealed = :serverKey, ca_chain_pem = :caChain,
      leaf_user_public_key = :userKey, leaf_user_jwt = :userJwt, leaf_user_seed_sealed = :userSeed,
      cert_expires_at = :expiresAt
      """;

  private final JdbcClient jdbc;
  private final AtRestSecrets secrets;

  LeafRotationRepository(JdbcClient jdbc, AtRestSecrets secrets) {
    this.jdbc = jdbc;
    this.secrets = secrets;
  }

  /** Inserts a pending rotation holding the new identity. */
  void insert(LeafRotation rotation, HeldIdentity pending) {
    jdbc.sql(
            """
            INSERT INTO leaf_rotations
              (id, edge_site_id, tenant_id, open_site_id, state, old_user_public_key,
               new_user_public_key, new_cert_expires_at, started_at)
            VALUES (:id, :siteId, :tenantId, :siteId, :state, :oldUser, :newUser, :expiresAt,
                    :startedAt)
            """)
        .param("id", rotation.id())
        .param("siteId", rotation.siteId())
        .param("tenantId", rotation.tenantId())
        .param("state", rotation.state().wireName())
        .param("oldUser", rotation.oldUserPublicKey())
        .param("newUser", rotation.newUserPublicKey())
        .param("expiresAt", rotation.newCertExpiresAt())
        .param("startedAt", rotation.startedAt())
        .update();
    storeHeld(rotation.id(), pending);
  }

  /** The site's open rotation, locked until the transaction ends. */
  Optional<LeafRotation> findOpen(UUID tenantId, UUID siteId) {
    return jdbc.sql(
            SELECT_ROTATION + " WHERE tenant_id = :tenantId AND open_site_id = :siteId FOR UPDATE")
        .param("tenantId", tenantId)
        .param("siteId", siteId)
        .query(LeafRotationRepository::map)
        .optional();
  }

  /** The site's most recent rotation, open or not. */
  Optional<LeafRotation> latest(UUID tenantId, UUID siteId) {
    return jdbc.sql(
            SELECT_ROTATION
                + " WHERE tenant_id = :tenantId AND edge_site_id = :siteId"
                + " ORDER BY started_at DESC, id LIMIT 1")
        .param("tenantId", tenantId)
        .param("siteId", siteId)
        .query(LeafRotationRepository::map)
        .optional();
  }

  /** Every tenant's rotations that completed at {@code since} or later, for the fleet. */
  List<LeafRotation> completedSince(OffsetDateTime since) {
    return jdbc.sql(SELECT_ROTATION + " WHERE state = 'completed' AND finished_at >= :since")
        .param("since", since)
        .query(LeafRotationRepository::map)
        .list();
  }

  /**
   * Records a move; the caller has checked it with {@link RotationState#moveTo}. A finished
   * rotation releases the site and forgets the identity it held.
   */
  void recordMove(UUID rotationId, RotationState next, OffsetDateTime at, String reason) {
    if (next.isOpen()) {
      jdbc.sql("UPDATE leaf_rotations SET state = :state, cut_over_at = :at WHERE id = :id")
          .param("state", next.wireName())
          .param("at", at)
          .param("id", rotationId)
          .update();
      return;
    }
    jdbc.sql(
            """
            UPDATE leaf_rotations
               SET state = :state, open_site_id = NULL, finished_at = :at, finish_reason = :reason,
                   leaf_certificate_pem = NULL, leaf_private_key_sealed = NULL,
                   leaf_certificate_sha256 = NULL, server_certificate_pem = NULL,
                   server_private_key_sealed = NULL, ca_chain_pem = NULL,
                   leaf_user_public_key = NULL, leaf_user_jwt = NULL, leaf_user_seed_sealed = NULL,
                   cert_expires_at = NULL
             WHERE id = :id
            """)
        .param("state", next.wireName())
        .param("at", at)
        .param("reason", SiteHealth.shorten(reason))
        .param("id", rotationId)
        .update();
  }

  /** The identity an open rotation holds: the new one while pending, the old one after. */
  HeldIdentity held(UUID rotationId) {
    return jdbc.sql("SELECT " + IDENTITY_COLUMNS + " FROM leaf_rotations WHERE id = :id")
        .param("id", rotationId)
        .query((rs, row) -> identity(rs, column -> rotationPlace(column, rotationId)))
        .single();
  }

  void storeHeld(UUID rotationId, HeldIdentity identity) {
    bindIdentity(
            jdbc.sql("UPDATE leaf_rotations SET " + SET_IDENTITY + " WHERE id = :id"),
            identity,
            column -> rotationPlace(column, rotationId))
        .param("id", rotationId)
        .update();
  }

  /** The identity the site's leaf row holds (without keys when they stay on the edge host). */
  Optional<HeldIdentity> siteIdentity(UUID leafId) {
    return jdbc.sql(
            "SELECT "
                + IDENTITY_COLUMNS
                + " FROM nats_leaf_servers WHERE id = :id AND leaf_certificate_pem IS NOT NULL")
        .param("id", leafId)
        .query((rs, row) -> identity(rs, column -> EdgeSiteRepository.place(column, leafId)))
        .optional();
  }

  /** Makes {@code identity} the site's, with the leaf status the swap leads to. */
  void storeSiteIdentity(
      UUID leafId, HeldIdentity identity, LeafServerStatus status, OffsetDateTime now) {
    bindIdentity(
            jdbc.sql(
                "UPDATE nats_leaf_servers SET "
                    + SET_IDENTITY
                    + ", status = :status, provisioned_at = :now, updated_at = :now WHERE id = :id"),
            identity,
            column -> EdgeSiteRepository.place(column, leafId))
        .param("status", status.wireName())
        .param("now", now)
        .param("id", leafId)
        .update();
  }

  private interface Places {
    String of(String column);
  }

  private JdbcClient.StatementSpec bindIdentity(
      JdbcClient.StatementSpec statement, HeldIdentity identity, Places places) {
    return statement
        .param("leafCertificate", identity.leafCertificatePem())
        .param(
            "leafKey", secrets.sealNullable(identity.leafKeyPem(), places.of("leaf_private_key")))
        .param("leafFingerprint", identity.leafCertificateSha256())
        .param("serverCertificate", identity.serverCertificatePem())
        .param(
            "serverKey",
            secrets.sealNullable(identity.serverKeyPem(), places.of("server_private_key")))
        .param("caChain", identity.caChainPem())
        .param("userKey", identity.userPublicKey())
        .param("userJwt", identity.userJwt())
        .param("userSeed", secrets.sealNullable(identity.userSeed(), places.of("leaf_user_seed")))
        .param("expiresAt", identity.expiresAt());
  }

  private HeldIdentity identity(ResultSet rs, Places places) throws SQLException {
    return new HeldIdentity(
        rs.getString("leaf_certificate_pem"),
        secrets.openNullable(
            rs.getString("leaf_private_key_sealed"), places.of("leaf_private_key")),
        rs.getString("leaf_certificate_sha256"),
        rs.getString("server_certificate_pem"),
        secrets.openNullable(
            rs.getString("server_private_key_sealed"), places.of("server_private_key")),
        rs.getString("ca_chain_pem"),
        rs.getString("leaf_user_public_key"),
        rs.getString("leaf_user_jwt"),
        secrets.openNullable(rs.getString("leaf_user_seed_sealed"), places.of("leaf_user_seed")),
        rs.getObject("cert_expires_at", OffsetDateTime.class));
  }

  private static String rotationPlace(String column, UUID rotationId) {
    return "leaf_rotations." + column + ":" + rotationId;
  }

  private static LeafRotation map(ResultSet rs, int row) throws SQLException {
    return new LeafRotation(
        rs.getObject("id", UUID.class),
        rs.getObject("edge_site_id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        RotationState.fromWireName(rs.getString("state")),
        rs.getString("old_user_public_key"),
        rs.getString("new_user_public_key"),
        rs.getObject("new_cert_expires_at", OffsetDateTime.class),
        rs.getObject("started_at", OffsetDateTime.class),
        rs.getObject("cut_over_at", OffsetDateTime.class),
        rs.getObject("finished_at", OffsetDateTime.class),
        rs.getString("finish_reason"));
  }
}
