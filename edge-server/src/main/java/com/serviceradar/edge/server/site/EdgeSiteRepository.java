package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.server.system.AtRestSecrets;
import com.serviceradar.edge.storeforward.BufferLimits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sites and their leaf servers. Every read and write names the tenant, so no query can cross
 * tenants.
 */
@Repository
class EdgeSiteRepository {

  private static final String SELECT_SITE =
      """
      SELECT s.id, s.tenant_id, s.name, s.slug, s.status, s.nats_leaf_url, s.last_seen_at, s.created_at,
             s.updated_at, l.id AS leaf_id, l.status AS leaf_status, l.server_name, l.upstream_url,
             l.local_listen, l.monitoring_port, l.config_checksum, l.cert_expires_at, l.provisioned_at, l.connected_at,
             l.disconnected_at, l.last_disconnect_reason
        FROM edge_sites s
        JOIN nats_leaf_servers l ON l.edge_site_id = s.id
      """;

  private final JdbcClient jdbc;
  private final AtRestSecrets secrets;

  EdgeSiteRepository(JdbcClient jdbc, AtRestSecrets secrets) {
    this.jdbc = jdbc;
    this.secrets = secrets;
  }

  void insert(EdgeSite site) {
    jdbc.sql(
            """
            INSERT INTO edge_sites
              (id, tenant_id, name, slug, status, nats_leaf_url, last_seen_at, created_at, updated_at)
            VALUES (:id, :tenantId, :name, :slug, :status, :url, :lastSeenAt, :createdAt, :updatedAt)
            """)
        .param("id", site.id())
        .param("tenantId", site.tenantId())
        .param("name", site.name())
        .param("slug", site.slug().value())
        .param("status", site.status().wireName())
        .param("url", site.natsLeafUrl() == null ? null : site.natsLeafUrl().toString())
        .param("lastSeenAt", site.lastSeenAt())
        .param("createdAt", site.createdAt())
        .param("updatedAt", site.updatedAt())
        .update();
    NatsLeafServer leaf = site.leafServer();
    jdbc.sql(
            """
            INSERT INTO nats_leaf_servers
              (id, edge_site_id, status, server_name, monitoring_port, created_at, updated_at)
            VALUES (:id, :siteId, :status, :serverName, :monitoringPort, :createdAt, :updatedAt)
            """)
        .param("id", leaf.id())
        .param("siteId", site.id())
        .param("status", leaf.status().wireName())
        .param("serverName", leaf.serverName())
        .param("monitoringPort", leaf.monitoringPort())
        .param("createdAt", site.createdAt())
        .param("updatedAt", site.updatedAt())
        .update();
    // Every site buffers through an outage from the start, at the default limits.
    jdbc.sql(
            """
            INSERT INTO site_buffers (edge_site_id, tenant_id, max_age_seconds, max_bytes)
            VALUES (:siteId, :tenantId, :age, :bytes)
            """)
        .param("siteId", site.id())
        .param("tenantId", site.tenantId())
        .param("age", BufferLimits.DEFAULT.maxAge().toSeconds())
        .param("bytes", BufferLimits.DEFAULT.maxBytes())
        .update();
  }

  Optional<EdgeSite> find(UUID tenantId, UUID siteId) {
    return jdbc.sql(SELECT_SITE + " WHERE s.tenant_id = :tenantId AND s.id = :id")
        .param("tenantId", tenantId)
        .param("id", siteId)
        .query(EdgeSiteRepository::map)
        .optional();
  }

  List<EdgeSite> list(UUID tenantId) {
    return jdbc.sql(SELECT_SITE + " WHERE s.tenant_id = :tenantId ORDER BY s.name, s.slug")
        .param("tenantId", tenantId)
        .query(EdgeSiteRepository::map)
        .list();
  }

  void updateDetails(
      UUID tenantId, UUID siteId, String name, NatsUrl natsLeafUrl, OffsetDateTime updatedAt) {
    jdbc.sql(
            """
            UPDATE edge_sites SET name = :name, nats_leaf_url = :url, updated_at = :updatedAt
             WHERE tenant_id = :tenantId AND id = :id
            """)
        .param("name", name)
        .param("url", natsLeafUrl == null ? null : natsLeafUrl.toString())
        .param("updatedAt", updatedAt)
        .param("tenantId", tenantId)
        .param("id", siteId)
        .update();
  }

  /**
   * Stores a newly issued leaf identity; keys and the user seed are sealed, bound to this leaf row.
   */
  void storeIdentity(
      UUID leafId,
      LeafIdentity identity,
      LeafServerStatus status,
      String upstreamUrl,
      String localListen,
      OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE nats_leaf_servers
               SET status = :status, upstream_url = :upstreamUrl, local_listen = :localListen,
                   cert_expires_at = :expiresAt, provisioned_at = :now,
                   leaf_certificate_pem = :leafCertificate, leaf_private_key_sealed = :leafKey,
                   leaf_certificate_sha256 = :leafFingerprint,
                   server_certificate_pem = :serverCertificate, server_private_key_sealed = :serverKey,
                   ca_chain_pem = :caChain, leaf_user_public_key = :userKey, leaf_user_jwt = :userJwt,
                   leaf_user_seed_sealed = :userSeed, updated_at = :now
             WHERE id = :id
            """)
        .param("status", status.wireName())
        .param("upstreamUrl", upstreamUrl)
        .param("localListen", localListen)
        .param("expiresAt", identity.expiresAt().atOffset(ZoneOffset.UTC))
        .param("now", now)
        .param("leafCertificate", identity.leafCertificate().certificatePem())
        .param(
            "leafKey",
            secrets.seal(
                identity.leafCertificate().privateKeyPem(), place("leaf_private_key", leafId)))
        .param("leafFingerprint", identity.leafCertificate().sha256Fingerprint())
        .param("serverCertificate", identity.serverCertificate().certificatePem())
        .param(
            "serverKey",
            secrets.seal(
                identity.serverCertificate().privateKeyPem(), place("server_private_key", leafId)))
        .param("caChain", identity.caChainPem())
        .param("userKey", identity.leafUser().publicKey())
        .param("userJwt", identity.leafUser().jwt())
        .param(
            "userSeed",
            secrets.seal(
                new String(identity.leafUser().seed().reveal()), place("leaf_user_seed", leafId)))
        .param("id", leafId)
        .update();
  }

  /**
   * Stores an identity whose private keys and user seed stay on the edge host (enrollment with a
   * CSR and an nkey public key): certificates and JWT only, the sealed columns emptied.
   */
  void storeHostKeyedIdentity(
      UUID leafId,
      String leafCertificatePem,
      String leafCertificateSha256,
      String serverCertificatePem,
      String caChainPem,
      String userPublicKey,
      String userJwt,
      OffsetDateTime expiresAt,
      LeafServerStatus status,
      String upstreamUrl,
      OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE nats_leaf_servers
               SET status = :status, upstream_url = :upstreamUrl, cert_expires_at = :expiresAt,
                   provisioned_at = :now, leaf_certificate_pem = :leafCertificate,
                   leaf_private_key_sealed = NULL, leaf_certificate_sha256 = :leafFingerprint,
                   server_certificate_pem = :serverCertificate, server_private_key_sealed = NULL,
                   ca_chain_pem = :caChain, leaf_user_public_key = :userKey, leaf_user_jwt = :userJwt,
                   leaf_user_seed_sealed = NULL, updated_at = :now
             WHERE id = :id
            """)
        .param("status", status.wireName())
        .param("upstreamUrl", upstreamUrl)
        .param("expiresAt", expiresAt)
        .param("now", now)
        .param("leafCertificate", leafCertificatePem)
        .param("leafFingerprint", leafCertificateSha256)
        .param("serverCertificate", serverCertificatePem)
        .param("caChain", caChainPem)
        .param("userKey", userPublicKey)
        .param("userJwt", userJwt)
        .param("id", leafId)
        .update();
  }

  /** Swaps in a new local-server certificate, keeping the rest of the identity. */
  void replaceServerCertificate(UUID leafId, IssuedCertificate certificate, OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE nats_leaf_servers
               SET server_certificate_pem = :certificate, server_private_key_sealed = :key,
                   updated_at = :now,
                   cert_expires_at = CASE WHEN cert_expires_at < :expiresAt THEN cert_expires_at ELSE :expiresAt END
             WHERE id = :id
            """)
        .param("certificate", certificate.certificatePem())
        .param(
            "key", secrets.seal(certificate.privateKeyPem(), place("server_private_key", leafId)))
        .param("expiresAt", certificate.notAfter().atOffset(ZoneOffset.UTC))
        .param("now", now)
        .param("id", leafId)
        .update();
  }

  /** The checksum of the bundle handed out last, to tell when the installed one is outdated. */
  void recordDownload(UUID leafId, String checksum) {
    jdbc.sql("UPDATE nats_leaf_servers SET downloaded_config_checksum = :checksum WHERE id = :id")
        .param("checksum", checksum)
        .param("id", leafId)
        .update();
  }

  void storeConfigChecksum(UUID leafId, String checksum) {
    jdbc.sql("UPDATE nats_leaf_servers SET config_checksum = :checksum WHERE id = :id")
        .param("checksum", checksum)
        .param("id", leafId)
        .update();
  }

  /**
   * What was issued to a site's leaf, with its keys and seed opened; only for building its bundle.
   */
  record StoredLeafIdentity(
      String leafCertificatePem,
      String leafKeyPem,
      String serverCertificatePem,
      String serverKeyPem,
      String caChainPem,
      String userJwt,
      String userSeed) {

    /** Enrolled with a CSR: the keys and the user seed never left the edge host. */
    boolean isHostKeyed() {
      return leafKeyPem == null;
    }

    @Override
    public String toString() {
      return "StoredLeafIdentity[keys and seed hidden]";
    }
  }

  Optional<StoredLeafIdentity> storedIdentity(UUID leafId) {
    return jdbc.sql(
            """
            SELECT leaf_certificate_pem, leaf_private_key_sealed, server_certificate_pem,
                   server_private_key_sealed, ca_chain_pem, leaf_user_jwt, leaf_user_seed_sealed
              FROM nats_leaf_servers WHERE id = :id AND leaf_certificate_pem IS NOT NULL
            """)
        .param("id", leafId)
        .query(
            (rs, row) ->
                new StoredLeafIdentity(
                    rs.getString("leaf_certificate_pem"),
                    secrets.openNullable(
                        rs.getString("leaf_private_key_sealed"), place("leaf_private_key", leafId)),
                    rs.getString("server_certificate_pem"),
                    secrets.openNullable(
                        rs.getString("server_private_key_sealed"),
                        place("server_private_key", leafId)),
                    rs.getString("ca_chain_pem"),
                    rs.getString("leaf_user_jwt"),
                    secrets.openNullable(
                        rs.getString("leaf_user_seed_sealed"), place("leaf_user_seed", leafId))))
        .optional();
  }

  /** The leaf user currently issued to a site, to be revoked when it is replaced. */
  Optional<String> leafUserPublicKey(UUID leafId) {
    return jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE id = :id")
        .param("id", leafId)
        .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
        .single();
  }

  static String place(String column, UUID leafId) {
    return "nats_leaf_servers." + column + ":" + leafId;
  }

  boolean delete(UUID tenantId, UUID siteId) {
    return jdbc.sql("DELETE FROM edge_sites WHERE tenant_id = :tenantId AND id = :id")
            .param("tenantId", tenantId)
            .param("id", siteId)
            .update()
        == 1;
  }

  private static EdgeSite map(ResultSet rs, int row) throws SQLException {
    String url = rs.getString("nats_leaf_url");
    NatsLeafServer leaf =
        new NatsLeafServer(
            rs.getObject("leaf_id", UUID.class),
            LeafServerStatus.fromWireName(rs.getString("leaf_status")),
            rs.getString("server_name"),
            rs.getString("upstream_url"),
            rs.getString("local_listen"),
            rs.getInt("monitoring_port"),
            rs.getString("config_checksum"),
            rs.getObject("cert_expires_at", OffsetDateTime.class),
            rs.getObject("provisioned_at", OffsetDateTime.class),
            rs.getObject("connected_at", OffsetDateTime.class),
            rs.getObject("disconnected_at", OffsetDateTime.class),
            rs.getString("last_disconnect_reason"));
    return new EdgeSite(
        rs.getObject("id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        rs.getString("name"),
        SiteSlug.of(rs.getString("slug")),
        SiteStatus.fromWireName(rs.getString("status")),
        url == null ? null : NatsUrl.parse(url),
        rs.getObject("last_seen_at", OffsetDateTime.class),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class),
        leaf);
  }
}
