package com.serviceradar.edge.server.site;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.names.InvalidNatsUrlException;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.DisplayName;
import com.serviceradar.edge.server.system.EdgeProperties;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Registers, changes, re-provisions and removes a tenant's edge sites. Every change is audited, and
 * a site is provisioned (certificates and leaf user) in the same transaction that creates it.
 */
@Service
public class EdgeSites {

  /**
   * What a tenant admin asks for; a missing slug is derived from the name, a missing local listen
   * address is {@code 0.0.0.0:4222}, a missing monitoring port (on 127.0.0.1) is 8222.
   */
  public record Registration(
      String name, String slug, String natsLeafUrl, String localListen, Integer monitoringPort) {}

  /**
   * A partial update: an empty optional leaves the value as it is; for {@code natsLeafUrl} a
   * present empty optional clears it.
   */
  public record Changes(Optional<String> name, Optional<Optional<String>> natsLeafUrl) {}

  private final EdgeSiteRepository repository;
  private final Tenants tenants;
  private final LeafProvisioner provisioner;
  private final SiteBundles bundles;
  private final SiteConditions conditions;
  private final TenantAccounts accounts;
  private final LeafRotations rotations;
  private final AuditLog auditLog;
  private final Clock clock;
  private final NatsUrl hubLeafUrl;

  EdgeSites(
      EdgeSiteRepository repository,
      Tenants tenants,
      LeafProvisioner provisioner,
      SiteBundles bundles,
      SiteConditions conditions,
      TenantAccounts accounts,
      LeafRotations rotations,
      AuditLog auditLog,
      Clock clock,
      EdgeProperties properties) {
    this.repository = repository;
    this.tenants = tenants;
    this.provisioner = provisioner;
    this.bundles = bundles;
    this.conditions = conditions;
    this.accounts = accounts;
    this.rotations = rotations;
    this.auditLog = auditLog;
    this.clock = clock;
    this.hubLeafUrl = NatsUrl.parse(properties.hub().leafUrl());
  }

  public List<EdgeSite> list(Actor actor) {
    return repository.list(actor.requireTenant());
  }

  /** The actor's site; another tenant's, or for a site agent any other site, answers 404. */
  public EdgeSite find(Actor actor, UUID siteId) {
    UUID tenantId = actor.requireTenant();
    if (!actor.maySee(siteId)) {
      throw notFound(siteId);
    }
    return repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
  }

  public EdgeSite register(Actor actor, Registration registration) {
    UUID tenantId = actor.requireTenant();
    String target = "edge-site:" + Objects.requireNonNullElse(registration.slug(), "");
    return auditLog.attempt(
        actor,
        "edge-site.create",
        target,
        () -> {
          Tenant tenant = tenantOf(tenantId);
          String name = DisplayName.require("name", registration.name());
          SiteSlug slug =
              registration.slug() == null
                  ? SiteSlug.fromName(name)
                  : SiteSlug.of(registration.slug());
          NatsUrl url =
              registration.natsLeafUrl() == null ? null : parseLeafUrl(registration.natsLeafUrl());
          String localListen = LocalListen.requireValid(registration.localListen());
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
                  NatsLeafServer.pending(tenant.slug(), slug, monitoringPort(registration)));
          try {
            repository.insert(site);
          } catch (DuplicateKeyException e) {
            throw ApiProblemException.conflict(
                "an edge site with slug '" + slug + "' already exists in this tenant");
          }
          LeafIdentity identity = provisioner.issue(tenant, site.id(), slug, url);
          repository.storeIdentity(
              site.leafServer().id(),
              identity,
              site.leafServer().status().moveTo(LeafServerStatus.PROVISIONED),
              hubLeafUrl.toString(),
              localListen,
              now);
          bundles.refreshChecksum(tenantId, site.id());
          EdgeSite provisioned = repository.find(tenantId, site.id()).orElseThrow();
          auditLog.record(
              AuditRecord.success(actor, "edge-site.create", "edge-site:" + site.id())
                  .withDetails(describe(provisioned))
                  .withDetails(Map.of("leafUser", identity.leafUser().publicKey())));
          return provisioned;
        });
  }

  public EdgeSite update(Actor actor, UUID siteId, Changes changes) {
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
          OffsetDateTime now = Timestamps.now(clock);
          repository.updateDetails(tenantId, siteId, name, url, now);
          if (!Objects.equals(url, current.natsLeafUrl())) {
            // The local-server certificate names the host collectors connect to.
            repository.replaceServerCertificate(
                current.leafServer().id(),
                provisioner.reissueServerCertificate(tenantOf(tenantId), current.slug(), url),
                now);
          }
          bundles.refreshChecksum(tenantId, siteId);
          EdgeSite updated = repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
          auditLog.record(
              AuditRecord.success(actor, "edge-site.update", "edge-site:" + siteId)
                  .withDetails(describe(updated)));
          return updated;
        });
  }

  /**
   * Issues the site a new leaf identity (certificates and NATS user) and revokes the old user in
   * the tenant account, so an old bundle stops working once the hub has the new account JWT.
   */
  public EdgeSite regenerate(Actor actor, UUID siteId) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.regenerate",
        "edge-site:" + siteId,
        () -> {
          EdgeSite current = repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
          Tenant tenant = tenantOf(tenantId);
          NatsLeafServer leaf = current.leafServer();
          Optional<String> oldUser = repository.leafUserPublicKey(leaf.id());
          LeafIdentity identity =
              provisioner.issue(tenant, siteId, current.slug(), current.natsLeafUrl());
          repository.storeIdentity(
              leaf.id(),
              identity,
              leaf.status().moveTo(LeafServerStatus.PROVISIONED),
              hubLeafUrl.toString(),
              Objects.requireNonNullElse(leaf.localListen(), LocalListen.DEFAULT),
              Timestamps.now(clock));
          bundles.refreshChecksum(tenantId, siteId);
          revokeReplaced(actor, tenant, siteId, oldUser, "the site was regenerated");
          EdgeSite regenerated = repository.find(tenantId, siteId).orElseThrow();
          Map<String, String> details = new TreeMap<>(describe(regenerated));
          details.put("leafUser", identity.leafUser().publicKey());
          oldUser.ifPresent(key -> details.put("revokedLeafUser", key));
          auditLog.record(
              AuditRecord.success(actor, "edge-site.regenerate", "edge-site:" + siteId)
                  .withDetails(details));
          return regenerated;
        });
  }

  /**
   * The site's bundle: everything its leaf needs, private keys and creds included, so every
   * download is audited with the checksum of what was handed out.
   */
  public Bundle downloadBundle(Actor actor, UUID siteId) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.bundle-download",
        "edge-site:" + siteId,
        () -> {
          EdgeSite site = find(actor, siteId);
          if (site.leafServer().status() == LeafServerStatus.PENDING) {
            throw ApiProblemException.conflict("the site's leaf is not provisioned yet");
          }
          Bundle bundle = bundles.build(tenantOf(tenantId), site);
          repository.recordDownload(site.leafServer().id(), bundle.checksum());
          conditions.clear(
              site.id(), tenantId, SiteCondition.Kind.CONFIG_OUTDATED, Timestamps.now(clock));
          auditLog.record(
              AuditRecord.success(actor, "edge-site.bundle-download", "edge-site:" + siteId)
                  .withDetails(Map.of("configChecksum", bundle.checksum())));
          return bundle;
        });
  }

  /**
   * What an edge host that enrolled with its own keys installs: the configuration and certificates
   * by bundle path, and the JWT of its leaf user, from which it writes {@code creds/tenant.creds}
   * with its seed. {@code topFolder} is the bundle's, so the same paths and setup steps apply.
   */
  public record HostKeyEnrollment(
      UUID siteId,
      String topFolder,
      Map<String, String> files,
      String userJwt,
      String configChecksum) {}

  /**
   * Enrollment with host-held keys: both certificates are issued for the key in the CSR and the
   * leaf user JWT for the host's nkey, so no private key or seed ever leaves the edge host. The
   * site's previous leaf user is revoked, as on regenerate.
   */
  public HostKeyEnrollment enrollWithHostKeys(
      Actor actor, UUID siteId, String csrPem, String natsPublicKey) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.enroll-host-keys",
        "edge-site:" + siteId,
        () -> {
          EdgeSite site = repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
          Tenant tenant = tenantOf(tenantId);
          NatsLeafServer leaf = site.leafServer();
          Optional<String> oldUser = repository.leafUserPublicKey(leaf.id());
          LeafProvisioner.HostKeyedIdentity identity;
          try {
            identity =
                provisioner.issueForHostKeys(
                    tenant, siteId, site.slug(), site.natsLeafUrl(), csrPem, natsPublicKey);
          } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid(e.getMessage());
          }
          repository.storeHostKeyedIdentity(
              leaf.id(),
              identity.leafCertificate().certificatePem(),
              identity.leafCertificate().sha256Fingerprint(),
              identity.serverCertificate().certificatePem(),
              identity.caChainPem(),
              natsPublicKey,
              identity.userJwt(),
              identity.expiresAt().atOffset(ZoneOffset.UTC),
              leaf.status().moveTo(LeafServerStatus.PROVISIONED),
              hubLeafUrl.toString(),
              Timestamps.now(clock));
          bundles.refreshChecksum(tenantId, siteId);
          revokeReplaced(
              actor,
              tenant,
              siteId,
              oldUser.filter(key -> !key.equals(natsPublicKey)),
              "the site enrolled again");
          EdgeSite enrolled = repository.find(tenantId, siteId).orElseThrow();
          auditLog.record(
              AuditRecord.success(actor, "edge-site.enroll-host-keys", "edge-site:" + siteId)
                  .withDetails(Map.of("leafUser", natsPublicKey)));
          return new HostKeyEnrollment(
              siteId,
              EdgeSiteNames.bundleFolder(siteId),
              bundles.hostKeyedFiles(tenant, enrolled),
              identity.userJwt(),
              // read after the revocation, which changed the account JWT in the configuration
              enrolled.leafServer().configChecksum());
        });
  }

  /** Removes the site and revokes its leaf user, so its bundle can no longer connect. */
  public void delete(Actor actor, UUID siteId) {
    UUID tenantId = actor.requireTenant();
    auditLog.attempt(
        actor,
        "edge-site.delete",
        "edge-site:" + siteId,
        () -> {
          EdgeSite site = repository.find(tenantId, siteId).orElseThrow(() -> notFound(siteId));
          revokeReplaced(
              actor,
              tenantOf(tenantId),
              siteId,
              repository.leafUserPublicKey(site.leafServer().id()),
              "the site was deleted");
          repository.delete(tenantId, siteId);
          auditLog.record(
              AuditRecord.success(actor, "edge-site.delete", "edge-site:" + siteId)
                  .withDetails(describe(site)));
          return site;
        });
  }

  /**
   * Revokes the site's replaced leaf user, and the new user of a rotation this cancels, in one new
   * account JWT.
   */
  private void revokeReplaced(
      Actor actor, Tenant tenant, UUID siteId, Optional<String> replacedUser, String why) {
    List<String> revoked = new ArrayList<>(rotations.cancelOpen(actor, tenant.id(), siteId, why));
    replacedUser.ifPresent(revoked::add);
    if (!revoked.isEmpty()) {
      accounts.revokeUsers(tenant.id(), tenant.slug(), revoked);
    }
  }

  private static int monitoringPort(Registration registration) {
    if (registration.monitoringPort() == null) {
      return LeafConfig.DEFAULT_MONITORING_PORT;
    }
    int port = registration.monitoringPort();
    if (port < 1 || port > 65535) {
      throw ApiProblemException.invalid("monitoringPort must be between 1 and 65535");
    }
    return port;
  }

  private Tenant tenantOf(UUID tenantId) {
    return tenants.find(tenantId).orElseThrow(() -> ApiProblemException.notFound("no such tenant"));
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
