package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Every tenant's leafs at once, for platform operators: what is down, flapping or expiring. */
@RestController
@RequestMapping("/api/v1/fleet")
class FleetController {

  record FleetLeaf(
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
      List<SiteJson.ConditionJson> conditions) {}

  /**
   * @param counts leafs by leaf status, and by condition, over the whole fleet (before filtering)
   */
  record Fleet(
      Map<String, Long> byStatus,
      Map<String, Long> byCondition,
      int total,
      List<FleetLeaf> items) {}

  private final JdbcClient jdbc;
  private final SiteConditions conditions;
  private final SiteStream stream;

  FleetController(JdbcClient jdbc, SiteConditions conditions, SiteStream stream) {
    this.jdbc = jdbc;
    this.conditions = conditions;
    this.stream = stream;
  }

  /** Every site's health changes as server-sent events (see the edge-sites stream). */
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@AuthenticationPrincipal Actor actor) {
    return stream.subscribe(actor);
  }

  /** Disconnected leafs first (longest down first), then the rest by tenant and site. */
  @GetMapping("/leafs")
  Fleet leafs(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String condition) {
    if (status != null
        && Arrays.stream(LeafServerStatus.values()).noneMatch(s -> s.wireName().equals(status))) {
      throw ApiProblemException.invalid(
          "status must be one of pending, provisioned, connected, disconnected");
    }
    if (condition != null
        && Arrays.stream(SiteCondition.Kind.values())
            .noneMatch(k -> k.wireName().equals(condition))) {
      throw ApiProblemException.invalid(
          "condition must be one of "
              + Arrays.stream(SiteCondition.Kind.values())
                  .map(SiteCondition.Kind::wireName)
                  .toList());
    }
    Map<UUID, List<SiteCondition>> conditionsBySite = this.conditions.conditionsBySite(null);
    List<FleetLeaf> all =
        jdbc.sql(
                """
                SELECT s.id, s.tenant_id, t.slug AS tenant_slug, s.slug, s.name, s.status, l.status AS leaf_status,
                       l.server_name, s.last_seen_at, l.disconnected_at, l.last_disconnect_reason, l.cert_expires_at
                  FROM edge_sites s
                  JOIN tenants t ON t.id = s.tenant_id
                  JOIN nats_leaf_servers l ON l.edge_site_id = s.id
                 ORDER BY CASE WHEN l.status = 'disconnected' THEN 0 ELSE 1 END, l.disconnected_at, t.slug, s.slug
                """)
            .query(
                (rs, row) -> {
                  UUID siteId = rs.getObject("id", UUID.class);
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
                      conditionsBySite.getOrDefault(siteId, List.of()).stream()
                          .map(SiteJson.ConditionJson::of)
                          .toList());
                })
            .list();
    Map<String, Long> byStatus = new TreeMap<>();
    Arrays.stream(LeafServerStatus.values()).forEach(s -> byStatus.put(s.wireName(), 0L));
    Map<String, Long> byCondition = new TreeMap<>();
    Arrays.stream(SiteCondition.Kind.values()).forEach(k -> byCondition.put(k.wireName(), 0L));
    for (FleetLeaf leaf : all) {
      byStatus.merge(leaf.leafStatus(), 1L, Long::sum);
      leaf.conditions().forEach(c -> byCondition.merge(c.kind(), 1L, Long::sum));
    }
    List<FleetLeaf> items =
        all.stream()
            .filter(leaf -> status == null || status.equals(leaf.leafStatus()))
            .filter(
                leaf ->
                    condition == null
                        || leaf.conditions().stream()
                            .anyMatch(c -> c.kind().equals(condition.toLowerCase(Locale.ROOT))))
            .toList();
    return new Fleet(byStatus, byCondition, all.size(), items);
  }
}
