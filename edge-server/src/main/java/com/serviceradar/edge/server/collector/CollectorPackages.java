package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.Collector;
import com.serviceradar.edge.bundle.CollectorBundle;
import com.serviceradar.edge.bundle.CollectorCertificates;
import com.serviceradar.edge.bundle.CollectorType;
import com.serviceradar.edge.names.CertificateNames;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.UserTags;
import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.pki.TenantCertificateAuthorities;
import com.serviceradar.edge.server.site.EdgeSite;
import com.serviceradar.edge.server.site.EdgeSites;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.DisplayName;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Creates, shows, bundles and revokes a tenant's collector packages. Each package is a NATS user of
 * the tenant account that may only publish collector data, and a client certificate of the tenant
 * CA; creating, downloading and revoking are audited.
 */
@Service
public class CollectorPackages {

  /** What a tenant admin asks for; a missing name is the package's {@code {type}-{id8}}. */
  public record Request(String collectorType, UUID edgeSiteId, String name) {}

  /** A package with the URL its bundle names; {@code natsUrl} empty when its site has none. */
  public record Listed(CollectorPackage collector, Optional<NatsUrl> natsUrl) {}

  private final CollectorPackageRepository repository;
  private final Tenants tenants;
  private final EdgeSites sites;
  private final TenantAccounts accounts;
  private final TenantCertificateAuthorities certificateAuthorities;
  private final NatsIdentities identities;
  private final AuditLog auditLog;
  private final Clock clock;
  private final SecureRandom random;
  private final NatsUrl saasUrl;

  CollectorPackages(
      CollectorPackageRepository repository,
      Tenants tenants,
      EdgeSites sites,
      TenantAccounts accounts,
      TenantCertificateAuthorities certificateAuthorities,
      NatsIdentities identities,
      AuditLog auditLog,
      Clock clock,
      SecureRandom random,
      CollectorSettings settings) {
    this.repository = repository;
    this.tenants = tenants;
    this.sites = sites;
    this.accounts = accounts;
    this.certificateAuthorities = certificateAuthorities;
    this.identities = identities;
    this.auditLog = auditLog;
    this.clock = clock;
    this.random = random;
    this.saasUrl = settings.saasUrl();
  }

  public Listed create(Actor actor, Request request) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "collector-package.create",
        "collector-package:",
        () -> {
          CollectorType type = typeOf(request.collectorType());
          Optional<EdgeSite> site =
              Optional.ofNullable(request.edgeSiteId()).map(id -> sites.find(actor, id));
          site.ifPresent(CollectorPackages::requireLeafUrl);
          Tenant tenant = tenantOf(tenantId);
          UUID id = UUID.randomUUID();
          String name =
              request.name() == null
                  ? type.instanceName(id)
                  : DisplayName.require("name", request.name());
          CollectorPackage collector =
              new CollectorPackage(
                  id,
                  tenantId,
                  site.map(EdgeSite::id).orElse(null),
                  type,
                  name,
                  null,
                  PackageStatus.ACTIVE,
                  Timestamps.now(clock),
                  null);
          UserCredentials user = issueUser(tenant, collector);
          IssuedCertificate certificate =
              certificateAuthorities
                  .forTenant(tenantId, tenant.slug())
                  .issueClientCertificate(
                      commonName(tenant, collector, site),
                      certificateAuthorities.leafValidity(),
                      random);
          repository.insert(collector, user, certificate);
          CollectorPackage stored = repository.find(tenantId, id).orElseThrow();
          Map<String, String> details = new TreeMap<>();
          details.put("collectorType", type.wireName());
          details.put("name", name);
          details.put("edgeSiteId", site.map(s -> s.id().toString()).orElse(""));
          details.put("natsUser", user.publicKey());
          details.put("certificateSha256", certificate.sha256Fingerprint());
          auditLog.record(
              AuditRecord.success(actor, "collector-package.create", "collector-package:" + id)
                  .withDetails(details));
          return new Listed(stored, natsUrlOf(stored, siteId -> site));
        });
  }

  public List<Listed> list(Actor actor, Optional<UUID> siteId) {
    UUID tenantId = actor.requireTenant();
    Map<UUID, EdgeSite> byId = new TreeMap<>();
    sites.list(actor).forEach(site -> byId.put(site.id(), site));
    List<Listed> listed = new ArrayList<>();
    for (CollectorPackage collector : repository.list(tenantId, siteId)) {
      listed.add(
          new Listed(collector, natsUrlOf(collector, id -> Optional.ofNullable(byId.get(id)))));
    }
    return listed;
  }

  public Listed find(Actor actor, UUID id) {
    CollectorPackage collector = require(actor, id);
    return new Listed(collector, natsUrlOf(collector, siteLookup(actor)));
  }

  /**
   * For a redeemed join token of a collector type: a new package of that type (at the site, when
   * the token names one) and its bundle, both audited under the token's actor.
   */
  public Bundle enroll(Actor actor, String collectorType, UUID edgeSiteId) {
    Listed created = create(actor, new Request(collectorType, edgeSiteId, null));
    return downloadBundle(actor, created.collector().id());
  }

  /**
   * The package's bundle, private key and creds included, so every download is audited with the
   * checksum of what was handed out.
   */
  public Bundle downloadBundle(Actor actor, UUID id) {
    return auditLog.attempt(
        actor,
        "collector-package.bundle-download",
        "collector-package:" + id,
        () -> {
          CollectorPackage collector = require(actor, id);
          if (collector.status() == PackageStatus.REVOKED) {
            throw ApiProblemException.conflict("collector package " + id + " is revoked");
          }
          Optional<EdgeSite> site =
              Optional.ofNullable(collector.edgeSiteId()).flatMap(siteLookup(actor));
          NatsUrl url =
              natsUrlOf(collector, siteId -> site)
                  .orElseThrow(
                      () ->
                          ApiProblemException.conflict(
                              "the package's edge site has no natsLeafUrl: set it on the site"));
          CollectorPackageRepository.Secrets secrets = repository.secrets(collector.tenantId(), id);
          Tenant tenant = tenantOf(collector.tenantId());
          Bundle bundle =
              CollectorBundle.create(
                  new Collector(
                      id,
                      collector.type(),
                      collector.name(),
                      site.map(EdgeSite::slug),
                      url,
                      saasUrl),
                  new CollectorCertificates(
                      secrets.certificatePem(),
                      secrets.privateKeyPem(),
                      certificateAuthorities.forTenant(tenant.id(), tenant.slug()).caChainPem()),
                  Creds.of(secrets.userJwt(), Seed.of(secrets.userSeed())).format());
          auditLog.record(
              AuditRecord.success(
                      actor, "collector-package.bundle-download", "collector-package:" + id)
                  .withDetails(Map.of("checksum", bundle.checksum(), "natsUrl", url.toString())));
          return bundle;
        });
  }

  /**
   * Revokes the package's user in the tenant account. The hub gets the new account JWT at once;
   * every site of the tenant gets a new configChecksum, because each leaf keeps accepting the
   * revoked creds until its new bundle is installed (NATS-FACTS.md, "Revocation").
   */
  public Listed revoke(Actor actor, UUID id) {
    return auditLog.attempt(
        actor,
        "collector-package.revoke",
        "collector-package:" + id,
        () -> {
          CollectorPackage collector = require(actor, id);
          PackageStatus revoked;
          try {
            revoked = collector.status().revoke();
          } catch (IllegalStateException e) {
            throw ApiProblemException.conflict("collector package " + id + " is already revoked");
          }
          OffsetDateTime now = Timestamps.now(clock);
          repository.storeStatus(collector.tenantId(), id, revoked, now);
          Tenant tenant = tenantOf(collector.tenantId());
          accounts.revokeUsers(tenant.id(), tenant.slug(), List.of(collector.userPublicKey()));
          auditLog.record(
              AuditRecord.success(actor, "collector-package.revoke", "collector-package:" + id)
                  .withDetails(Map.of("revokedNatsUser", collector.userPublicKey())));
          CollectorPackage stored = repository.find(collector.tenantId(), id).orElseThrow();
          return new Listed(stored, natsUrlOf(stored, siteLookup(actor)));
        });
  }

  private UserCredentials issueUser(Tenant tenant, CollectorPackage collector) {
    List<String> tags = new ArrayList<>();
    tags.add(UserTags.collector(collector.type().wireName()));
    tags.add(UserTags.tenant(tenant.slug()));
    if (collector.edgeSiteId() != null) {
      tags.add(UserTags.edgeSite(collector.edgeSiteId()));
    }
    return identities.issueUser(
        accounts.forTenant(tenant.id(), tenant.slug()),
        collector.instanceName(),
        UserPermissions.allow(CollectorType.PUBLISH_SUBJECTS, List.of(CollectorType.INBOX)),
        tags);
  }

  private static String commonName(
      Tenant tenant, CollectorPackage collector, Optional<EdgeSite> site) {
    return CertificateNames.collector(
        collector.instanceName(), site.map(EdgeSite::slug), tenant.slug());
  }

  private Optional<NatsUrl> natsUrlOf(
      CollectorPackage collector, Function<UUID, Optional<EdgeSite>> siteById) {
    if (collector.edgeSiteId() == null) {
      return Optional.of(saasUrl);
    }
    return siteById
        .apply(collector.edgeSiteId())
        .map(site -> Optional.ofNullable(site.natsLeafUrl()))
        .orElse(Optional.of(saasUrl));
  }

  private Function<UUID, Optional<EdgeSite>> siteLookup(Actor actor) {
    return siteId ->
        sites.list(actor).stream().filter(site -> site.id().equals(siteId)).findFirst();
  }

  private CollectorPackage require(Actor actor, UUID id) {
    return repository
        .find(actor.requireTenant(), id)
        .orElseThrow(() -> ApiProblemException.notFound("no collector package " + id));
  }

  private static void requireLeafUrl(EdgeSite site) {
    if (site.natsLeafUrl() == null) {
      throw ApiProblemException.conflict(
          "edge site '"
              + site.slug().value()
              + "' has no natsLeafUrl, so its collectors would have nowhere to connect: set the"
              + " site's natsLeafUrl first, or create the package without edgeSiteId for the SaaS");
    }
  }

  private static CollectorType typeOf(String text) {
    if (text == null) {
      throw ApiProblemException.invalid("collectorType is required");
    }
    try {
      return CollectorType.fromWireName(text);
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid(e.getMessage());
    }
  }

  private Tenant tenantOf(UUID tenantId) {
    return tenants.find(tenantId).orElseThrow(() -> ApiProblemException.notFound("no such tenant"));
  }
}
