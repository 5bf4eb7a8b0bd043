package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.BundleDownloads;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantAdminOrSiteAgent;
import com.serviceradar.edge.server.system.TenantReader;
import com.serviceradar.edge.server.system.TenantReaderOrSiteAgent;
import com.serviceradar.edge.storeforward.BufferLimits;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/edge-sites")
class EdgeSiteController {

  /**
   * @param monitoringPort the leaf's local monitoring port on 127.0.0.1 (8222 when absent)
   */
  record NewSite(
      String name, String slug, String natsLeafUrl, String localListen, Integer monitoringPort) {}

  private final EdgeSites sites;
  private final SiteConditions conditions;
  private final SiteTimeline timeline;
  private final SiteStream stream;
  private final SiteBuffers buffers;

  EdgeSiteController(
      EdgeSites sites,
      SiteConditions conditions,
      SiteTimeline timeline,
      SiteStream stream,
      SiteBuffers buffers) {
    this.buffers = buffers;
    this.sites = sites;
    this.conditions = conditions;
    this.timeline = timeline;
    this.stream = stream;
  }

  /**
   * Server-sent events: an event {@code site} with the site JSON whenever one of the caller's sites
   * connects, disconnects, or gains or loses a condition.
   */
  @TenantReader
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@AuthenticationPrincipal Actor actor) {
    actor.requireTenant();
    return stream.subscribe(actor);
  }

  @TenantReader
  @GetMapping
  List<SiteJson> list(@AuthenticationPrincipal Actor actor) {
    Map<UUID, List<SiteCondition>> bySite = conditions.conditionsBySite(actor.requireTenant());
    Map<UUID, SiteBuffer> buffersBySite = buffers.bySite(actor.requireTenant());
    return sites.list(actor).stream()
        .map(
            site ->
                SiteJson.of(
                    site,
                    bySite.getOrDefault(site.id(), List.of()),
                    buffersBySite.getOrDefault(
                        site.id(), SiteBuffer.unobserved(BufferLimits.DEFAULT))))
        .toList();
  }

  /**
   * The site's timeline, newest first: connects, disconnects (with the hub's reason), conditions.
   */
  @TenantReader
  @GetMapping("/{siteId}/events")
  List<SiteEvent> events(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID siteId,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw ApiProblemException.invalid("limit must be between 1 and 1000");
    }
    return timeline.timeline(sites.find(actor, siteId).id(), limit);
  }

  private SiteJson json(EdgeSite site) {
    return SiteJson.of(site, conditions.conditions(site.id()), buffers.find(site.id()));
  }

  @TenantAdmin
  @PostMapping
  ResponseEntity<SiteJson> create(
      @AuthenticationPrincipal Actor actor, @RequestBody NewSite request) {
    EdgeSite site =
        sites.register(
            actor,
            new EdgeSites.Registration(
                request.name(),
                request.slug(),
                request.natsLeafUrl(),
                request.localListen(),
                request.monitoringPort()));
    return ResponseEntity.created(URI.create("/api/v1/edge-sites/" + site.id())).body(json(site));
  }

  @TenantReaderOrSiteAgent
  @GetMapping("/{siteId}")
  SiteJson show(@AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    return json(sites.find(actor, siteId));
  }

  /**
   * Only {@code name} and {@code natsLeafUrl} change; the slug names certificates and is immutable.
   */
  @TenantAdmin
  @PatchMapping("/{siteId}")
  SiteJson update(
      @AuthenticationPrincipal Actor actor, @PathVariable UUID siteId, @RequestBody JsonNode body) {
    return json(sites.update(actor, siteId, changesFrom(body)));
  }

  /**
   * New certificates and a new leaf user; the old user is revoked. Download the bundle again after.
   */
  /**
   * New limits for the site's store-and-forward buffer ({@code maxAgeSeconds}, {@code maxBytes});
   * the leaf's {@code EDGE_BUFFER} gets them while it is connected.
   */
  @TenantAdmin
  @PutMapping("/{siteId}/buffer")
  SiteJson changeBuffer(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID siteId,
      @RequestBody BufferSettings request) {
    buffers.changeLimits(actor, siteId, request.maxAgeSeconds(), request.maxBytes());
    return json(sites.find(actor, siteId));
  }

  record BufferSettings(Long maxAgeSeconds, Long maxBytes) {}

  @TenantAdmin
  @PostMapping("/{siteId}/regenerate")
  SiteJson regenerate(@AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    return json(sites.regenerate(actor, siteId));
  }

  /** {@code edge-site-{id}.tar.gz}: conf, certificates, keys, creds, setup.sh, README, manifest. */
  @TenantAdminOrSiteAgent
  @GetMapping("/{siteId}/bundle")
  ResponseEntity<byte[]> bundle(@AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    return BundleDownloads.attachment(sites.downloadBundle(actor, siteId));
  }

  @TenantAdmin
  @DeleteMapping("/{siteId}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    sites.delete(actor, siteId);
    return ResponseEntity.noContent().build();
  }

  private static EdgeSites.Changes changesFrom(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiProblemException.invalid("request body must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      switch (field.getKey()) {
        case "name", "natsLeafUrl" -> {}
        case "slug" ->
            throw ApiProblemException.invalid(
                "slug cannot be changed: certificates and NATS names use it");
        default -> throw ApiProblemException.invalid("unknown field '" + field.getKey() + "'");
      }
    }
    Optional<String> name =
        Optional.ofNullable(body.get("name")).map(node -> text(node, "name", false));
    Optional<Optional<String>> url =
        Optional.ofNullable(body.get("natsLeafUrl"))
            .map(node -> Optional.ofNullable(text(node, "natsLeafUrl", true)));
    return new EdgeSites.Changes(name, url);
  }

  private static String text(JsonNode node, String field, boolean nullable) {
    if (node.isNull() && nullable) {
      return null;
    }
    if (!node.isString()) {
      throw ApiProblemException.invalid(
          "field '" + field + "' must be a string" + (nullable ? " or null" : ""));
    }
    return node.asString();
  }
}
