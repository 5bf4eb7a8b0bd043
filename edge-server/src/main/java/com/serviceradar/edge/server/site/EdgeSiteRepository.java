package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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
             l.local_listen, l.config_checksum, l.cert_expires_at, l.provisioned_at, l.connected_at,
             l.disconnected_at, l.last_disconnect_reason
        FROM edge_sites s
        JOIN nats_leaf_servers l ON l.edge_site_id = s.id
      """;

  private final JdbcClient jdbc;

  EdgeSiteRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
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
            INSERT INTO nats_leaf_servers (id, edge_site_id, status, server_name, created_at, updated_at)
            VALUES (:id, :siteId, :status, :serverName, :createdAt, :updatedAt)
            """)
        .param("id", leaf.id())
        .param("siteId", site.id())
        .param("status", leaf.status().wireName())
        .param("serverName", leaf.serverName())
        .param("createdAt", site.createdAt())
        .param("updatedAt", site.updatedAt())
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
