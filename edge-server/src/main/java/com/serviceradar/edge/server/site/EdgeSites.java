package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.InvalidNatsUrlException;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.DisplayName;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Registers, changes and removes a tenant's edge sites. Every change is audited. */
@Service
public class EdgeSites {

  /** What a tenant admin asks for; a missing slug is derived from the name. */
  record Registration(String name, String slug, String natsLeafUrl) {}

  /**
   * A partial update: an empty optional leaves the value as it is; for {@code natsLeafUrl} a
   * present null clears it.
   */
  record Changes(Optional<String> name, Optional<Optional<String>> natsLeafUrl) {}

  private final EdgeSiteRepository repository;
  private final Tenants tenants;
  private final AuditLog auditLog;
  private final Clock clock;

  EdgeSites(EdgeSiteRepository repository, Tenants tenants, AuditLog auditLog, Clock clock) {
    this.repository = repository;
    this.tenants = tenants;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  public List<EdgeSite> list(Actor actor) {
    return repository.list(actor.requireTenant());
  }

  public EdgeSite find(Actor actor, UUID siteId) {
    return repository.find(actor.requireTenant(), siteId).orElseThrow(() -> notFound(siteId));
  }

  EdgeSite register(Actor actor, Registration registration) {
    UUID tenantId = actor.requireTenant();
    String target = "edge-site:" + (registration.slug() == null ? "" : registration.slug());
    return auditLog.attempt(
        actor,
        "edge-site.create",
        target,
        () -> {
          Tenant tenant =
              tenants
                  .find(tenantId)
                  .orElseThrow(() -> ApiProblemException.notFound("no such tenant"));
          String name = DisplayName.require("name", registration.name());
          SiteSlug slug =
              registration.slug() == null
                  ? SiteSlug.fromName(name)
                  : SiteSlug.of(registration.slug());
          NatsUrl url =
              registration.natsLeafUrl() == null ? null : parseLeafUrl(registration.natsLeafUrl());
          OffsetDateTime now = Timestamps.now(clock);
          EdgeSite site =
              new EdgeSite(
                  UUID.randomUUID(),
                  tenantId,
                  name,
                  slug,
                  SiteStatus.PENDING,
                  url,
                  null,
                  now,
                  now,
                  NatsLeafServer.pending(tenant.slug(), slug));
          try {
            repository.insert(site);
          } catch (DuplicateKeyException e) {
            throw ApiProblemException.conflict(
                "an edge site with slug '" + slug + "' already exists in this tenant");
          }
          auditLog.record(
              AuditRecord.success(actor, "edge-site.create", "edge-site:" + site.id())
                  .withDetails(describe(site)));
          return site;
        });
  }

  EdgeSite update(Actor actor, UUID siteId, Changes changes) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.update",
        "edge-site:" + siteId,
        () -> {
          EdgeSite current = repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
          String name =
              changes
                  .name()
                  .map(value -> DisplayName.require("name", value))
                  .orElse(current.name());
          NatsUrl url = current.natsLeafUrl();
          if (changes.natsLeafUrl().isPresent()) {
            url = changes.natsLeafUrl().get().map(EdgeSites::parseLeafUrl).orElse(null);
          }
          repository.updateDetails(tenantId, siteId, name, url, Timestamps.now(clock));
          EdgeSite updated = repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
          auditLog.record(
              AuditRecord.success(actor, "edge-site.update", "edge-site:" + siteId)
                  .withDetails(describe(updated)));
          return updated;
        });
  }

  void delete(Actor actor, UUID siteId) {
    UUID tenantId = actor.requireTenant();
    auditLog.attempt(
        actor,
        "edge-site.delete",
        "edge-site:" + siteId,
        () -> {
          EdgeSite site = repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
          repository.delete(tenantId, siteId);
          auditLog.record(
              AuditRecord.success(actor, "edge-site.delete", "edge-site:" + siteId)
                  .withDetails(describe(site)));
          return site;
        });
  }

  private static NatsUrl parseLeafUrl(String text) {
    try {
      return NatsUrl.parse(text);
    } catch (InvalidNatsUrlException e) {
      throw ApiProblemException.invalid("natsLeafUrl: " + e.getMessage());
    }
  }

  private static Map<String, String> describe(EdgeSite site) {
    Map<String, String> details = new TreeMap<>();
    details.put("name", site.name());
    details.put("slug", site.slug().value());
    details.put("natsLeafUrl", site.natsLeafUrl() == null ? "" : site.natsLeafUrl().toString());
    return details;
  }

  private static ApiProblemException notFound(UUID siteId) {
    return ApiProblemException.notFound("no edge site " + siteId);
  }
}
