package com.serviceradar.edge.server.site;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.storeforward.BufferState;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Every tenant's leafs at once, for platform operators: what is down, flapping or expiring. The
 * fleet API and the fleet dashboard both read it here.
 */
@Service
public class FleetOverview {

  /** One site's leaf as the fleet shows it. */
  public record FleetLeaf(
      UUID siteId,
      UUID tenantId,
      String tenantSlug,
      String siteSlug,
      String name,
      String siteStatus,
      String leafStatus,
      String serverName,
      OffsetDateTime lastSeenAt,
      OffsetDateTime disconnectedAt,
      String lastDisconnectReason,
      OffsetDateTime certExpiresAt,
      // The store-and-forward backlog as last observed (null until the leaf's buffer was read).
      Long undeliveredToHub,
      Double bufferPercentFull,
      OffsetDateTime bufferOldestAt,
      // The API shows these in its own wire form (see FleetController).
      @JsonIgnore List<SiteCondition> conditions) {}

  /**
   * @param byStatus leafs by leaf status over the whole fleet (before filtering), every status
   *     present
   * @param byCondition leafs by condition over the whole fleet, every condition present
   * @param items disconnected leafs first (longest down first), then the rest by tenant and site
   */
  public record Fleet(
      Map<String, Long> byStatus,
      Map<String, Long> byCondition,
      int total,
      List<FleetLeaf> items) {}

  private final JdbcClient jdbc;
  private final SiteConditions conditions;

  FleetOverview(JdbcClient jdbc, SiteConditions conditions) {
    this.jdbc = jdbc;
    this.conditions = conditions;
  }

  /** The whole fleet. */
  public Fleet leafs() {
    return leafs(Optional.empty(), Optional.empty());
  }

  /**
   * The fleet's counts, and the leafs with {@code status} and {@code condition} (wire names) when
   * given; an unknown name is a 400.
   */
  public Fleet leafs(Optional<String> status, Optional<String> condition) {
    status.ifPresent(FleetOverview::requireKnownStatus);
    Optional<SiteCondition.Kind> kind = condition.map(FleetOverview::kindOf);
    Map<UUID, List<SiteCondition>> conditionsBySite = conditions.conditionsBySite(null);
    List<FleetLeaf> all =
        jdbc.sql(
                """
                SELECT s.id, s.tenant_id, t.slug AS tenant_slug, s.slug, s.name, s.status, l.status AS leaf_status,
                       l.server_name, s.last_seen_at, l.disconnected_at, l.last_disconnect_reason, l.cert_expires_at,
                       b.max_bytes, b.messages, b.bytes, b.first_seq, b.last_seq, b.delivered_seq, b.oldest_at
                  FROM edge_sites s
                  JOIN tenants t ON t.id = s.tenant_id
                  JOIN nats_leaf_servers l ON l.edge_site_id = s.id
                  LEFT JOIN site_buffers b ON b.edge_site_id = s.id
                 ORDER BY CASE WHEN l.status = 'disconnected' THEN 0 ELSE 1 END, l.disconnected_at, t.slug, s.slug
                """)
            .query(
                (rs, row) -> {
                  UUID siteId = rs.getObject("id", UUID.class);
                  Long messages = rs.getObject("messages", Long.class);
                  Long bytes = rs.getObject("bytes", Long.class);
                  long maxBytes = rs.getLong("max_bytes");
                  return new FleetLeaf(
                      siteId,
                      rs.getObject("tenant_id", UUID.class),
                      rs.getString("tenant_slug"),
                      rs.getString("slug"),
                      rs.getString("name"),
                      rs.getString("status"),
                      rs.getString("leaf_status"),
                      rs.getString("server_name"),
                      rs.getObject("last_seen_at", OffsetDateTime.class),
                      rs.getObject("disconnected_at", OffsetDateTime.class),
                      rs.getString("last_disconnect_reason"),
                      rs.getObject("cert_expires_at", OffsetDateTime.class),
                      messages == null
                          ? null
                          : BufferState.undelivered(
                              messages,
                              rs.getLong("first_seq"),
                              rs.getLong("last_seq"),
                              rs.getLong("delivered_seq")),
                      bytes == null || maxBytes == 0
                          ? null
                          : BufferState.percentFull(bytes, maxBytes),
                      rs.getObject("oldest_at", OffsetDateTime.class),
                      conditionsBySite.getOrDefault(siteId, List.of()));
                })
            .list();
    Map<String, Long> byStatus = new TreeMap<>();
    Arrays.stream(LeafServerStatus.values()).forEach(s -> byStatus.put(s.wireName(), 0L));
    Map<String, Long> byCondition = new TreeMap<>();
    Arrays.stream(SiteCondition.Kind.values()).forEach(k -> byCondition.put(k.wireName(), 0L));
    for (FleetLeaf leaf : all) {
      byStatus.merge(leaf.leafStatus(), 1L, Long::sum);
      leaf.conditions().forEach(c -> byCondition.merge(c.kind().wireName(), 1L, Long::sum));
    }
    List<FleetLeaf> items =
        all.stream()
            .filter(leaf -> status.isEmpty() || status.get().equals(leaf.leafStatus()))
            .filter(
                leaf ->
                    kind.isEmpty()
                        || leaf.conditions().stream().anyMatch(c -> c.kind() == kind.get()))
            .toList();
    return new Fleet(byStatus, byCondition, all.size(), items);
  }

  private static void requireKnownStatus(String status) {
    if (Arrays.stream(LeafServerStatus.values()).noneMatch(s -> s.wireName().equals(status))) {
      throw ApiProblemException.invalid(
          "status must be one of pending, provisioned, connected, disconnected");
    }
  }

  private static SiteCondition.Kind kindOf(String condition) {
    return Arrays.stream(SiteCondition.Kind.values())
        .filter(k -> k.wireName().equals(condition))
        .findFirst()
        .orElseThrow(
            () ->
                ApiProblemException.invalid(
                    "condition must be one of "
                        + Arrays.stream(SiteCondition.Kind.values())
                            .map(SiteCondition.Kind::wireName)
                            .toList()));
  }
}
