package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.auth.ApiTokens;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantAdminOrSiteAgent;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints of a site's agent, and the tenant admin's one for giving a site an agent token. */
@RestController
@RequestMapping("/api/v1/edge-sites/{siteId}")
class SiteAgentController {

  record NewAgentToken(String name) {}

  /** {@code token} is only in the response that creates it. */
  record AgentTokenJson(
      UUID id,
      UUID tenantId,
      UUID edgeSiteId,
      String name,
      String role,
      String token,
      OffsetDateTime createdAt) {

    @Override
    public String toString() {
      return "AgentTokenJson[id=" + id + ", edgeSiteId=" + edgeSiteId + "]";
    }
  }

  record SyncReport(String configChecksum) {}

  private final SiteAgents agents;
  private final SiteConditions conditions;
  private final SiteBuffers buffers;

  SiteAgentController(SiteAgents agents, SiteConditions conditions, SiteBuffers buffers) {
    this.buffers = buffers;
    this.agents = agents;
    this.conditions = conditions;
  }

  @TenantAdmin
  @PostMapping("/agent-tokens")
  ResponseEntity<AgentTokenJson> issueToken(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID siteId,
      @RequestBody(required = false) NewAgentToken request) {
    ApiTokens.IssuedToken issued =
        agents.issueToken(actor, siteId, request == null ? null : request.name());
    return ResponseEntity.created(URI.create("/api/v1/edge-sites/" + siteId))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(
            new AgentTokenJson(
                issued.id(),
                issued.tenantId(),
                siteId,
                issued.name(),
                issued.role().wireName(),
                issued.token(),
                issued.createdAt()));
  }

  /** For a site whose host holds its keys: the files to install and its leaf user JWT. */
  @TenantAdminOrSiteAgent
  @GetMapping("/host-config")
  ResponseEntity<EdgeSites.HostKeyEnrollment> hostConfig(
      @AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(agents.hostConfig(actor, siteId));
  }

  /** Creds the site's agent hears change notices with at its own leaf (shown once). */
  @TenantAdminOrSiteAgent
  @PostMapping("/notice-creds")
  ResponseEntity<SiteAgents.NoticeCreds> noticeCreds(
      @AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    return ResponseEntity.ok()
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(agents.noticeCreds(actor, siteId));
  }

  /** The host reports the {@code configChecksum} it installed and reloaded. */
  @TenantAdminOrSiteAgent
  @PostMapping("/synced")
  SiteJson synced(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID siteId,
      @RequestBody SyncReport report) {
    EdgeSite site = agents.reportSynced(actor, siteId, report.configChecksum());
    return SiteJson.of(site, conditions.conditions(site.id()), buffers.find(site.id()));
  }
}
