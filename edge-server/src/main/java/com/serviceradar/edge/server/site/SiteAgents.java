package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.names.NoticeSubjects;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.auth.ApiTokens;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.server.tenant.Tenants;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * What an edge host's own agent ({@code serviceradar-edge sync}) does with its site: get a token
 * bound to the site, fetch the configuration of a site whose keys it holds, get the creds it hears
 * change notices with, and report the configuration it installed, which clears the site's {@code
 * config_outdated} condition.
 */
@Service
class SiteAgents {

  private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{64}");
  private static final String DEFAULT_TOKEN_NAME = "site agent";

  private final EdgeSites sites;
  private final EdgeSiteRepository repository;
  private final SiteBundles bundles;
  private final SiteConditions conditions;
  private final Tenants tenants;
  private final ApiTokens tokens;
  private final AuditLog auditLog;
  private final LeafLinkUpgrade linkUpgrade;
  private final TenantAccounts accounts;
  private final Clock clock;

  /** Creds that may only subscribe to {@code subject}, for the agent's connection to its leaf. */
  record NoticeCreds(String subject, String creds) {

    @Override
    public String toString() {
      return "NoticeCreds[" + subject + "]";
    }
  }

  SiteAgents(
      EdgeSites sites,
      EdgeSiteRepository repository,
      SiteBundles bundles,
      SiteConditions conditions,
      Tenants tenants,
      ApiTokens tokens,
      AuditLog auditLog,
      LeafLinkUpgrade linkUpgrade,
      TenantAccounts accounts,
      Clock clock) {
    this.linkUpgrade = linkUpgrade;
    this.accounts = accounts;
    this.sites = sites;
    this.repository = repository;
    this.bundles = bundles;
    this.conditions = conditions;
    this.tenants = tenants;
    this.tokens = tokens;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  /** A {@code site_agent} token for one of the actor's sites; its secret is shown once. */
  ApiTokens.IssuedToken issueToken(Actor actor, UUID siteId, String name) {
    return auditLog.attempt(
        actor,
        "api-token.create",
        "edge-site:" + siteId,
        () ->
            tokens.issueForSite(
                actor,
                actor.requireTenant(),
                sites.find(actor, siteId).id(),
                Objects.requireNonNullElse(name, DEFAULT_TOKEN_NAME)));
  }

  /**
   * The configuration of a site whose edge host holds the keys: the same files and user JWT as its
   * enrollment gave, current. A site with keys from the control plane has a bundle instead (409).
   */
  EdgeSites.HostKeyEnrollment hostConfig(Actor actor, UUID siteId) {
    return auditLog.attempt(
        actor,
        "edge-site.host-config-download",
        "edge-site:" + siteId,
        () -> {
          EdgeSite site = sites.find(actor, siteId);
          EdgeSiteRepository.StoredLeafIdentity identity =
              repository
                  .storedIdentity(site.leafServer().id())
                  .filter(EdgeSiteRepository.StoredLeafIdentity::isHostKeyed)
                  .orElseThrow(
                      () ->
                          ApiProblemException.conflict(
                              "this site's keys are held by the control plane, not its edge host:"
                                  + " download its bundle instead"));
          String checksum = bundles.refreshChecksum(site.tenantId(), siteId);
          auditLog.record(
              AuditRecord.success(actor, "edge-site.host-config-download", "edge-site:" + siteId)
                  .withDetails(Map.of("configChecksum", checksum)));
          return new EdgeSites.HostKeyEnrollment(
              siteId,
              EdgeSiteNames.bundleFolder(siteId),
              bundles.hostKeyedFiles(tenants.find(site.tenantId()).orElseThrow(), site),
              identity.userJwt(),
              checksum);
        });
  }

  /**
   * Creds for hearing the control plane's change notices at the site's own leaf: a user of the
   * tenant's account that may subscribe to the notice subject and do nothing else. Each call issues
   * a new user; the agent keeps the one it got.
   */
  NoticeCreds noticeCreds(Actor actor, UUID siteId) {
    return auditLog.attempt(
        actor,
        "edge-site.notice-creds-issue",
        "edge-site:" + siteId,
        () -> {
          EdgeSite site = sites.find(actor, siteId);
          TenantSlug tenant = tenants.find(site.tenantId()).orElseThrow().slug();
          String creds = accounts.issueNoticeListener(site.tenantId(), tenant, siteId).credsText();
          auditLog.record(
              AuditRecord.success(actor, "edge-site.notice-creds-issue", "edge-site:" + siteId));
          return new NoticeCreds(NoticeSubjects.CONFIG_CHANGED, creds);
        });
  }

  /**
   * Records the configuration the site's host now runs. When it is the current one, the site's
   * {@code config_outdated} condition clears; an older one is recorded too, so the condition stays.
   */
  EdgeSite reportSynced(Actor actor, UUID siteId, String configChecksum) {
    if (configChecksum == null || !CHECKSUM.matcher(configChecksum).matches()) {
      throw ApiProblemException.invalid("configChecksum must be 64 lowercase hex digits");
    }
    return auditLog.attempt(
        actor,
        "edge-site.synced",
        "edge-site:" + siteId,
        () -> {
          EdgeSite site = sites.find(actor, siteId);
          repository.recordDownload(site.leafServer().id(), configChecksum);
          boolean current = configChecksum.equals(site.leafServer().configChecksum());
          if (current) {
            conditions.clear(
                siteId, site.tenantId(), SiteCondition.Kind.CONFIG_OUTDATED, Timestamps.now(clock));
            UUID leafId = site.leafServer().id();
            repository
                .leafUserPublicKey(leafId)
                .ifPresent(
                    userKey ->
                        linkUpgrade.synced(
                            site.tenantId(),
                            tenants.find(site.tenantId()).orElseThrow().slug(),
                            leafId,
                            userKey));
          }
          auditLog.record(
              AuditRecord.success(actor, "edge-site.synced", "edge-site:" + siteId)
                  .withDetails(
                      Map.of(
                          "configChecksum", configChecksum, "current", Boolean.toString(current))));
          return site;
        });
  }
}
