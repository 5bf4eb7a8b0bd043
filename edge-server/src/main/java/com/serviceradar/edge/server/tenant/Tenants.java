package com.serviceradar.edge.server.tenant;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.pki.TenantCertificateAuthorities;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.DisplayName;
import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Creates and finds tenants. */
@Service
public class Tenants {

  private final TenantRepository repository;
  private final TenantCertificateAuthorities certificateAuthorities;
  private final TenantAccounts accounts;
  private final AuditLog auditLog;
  private final Clock clock;

  Tenants(
      TenantRepository repository,
      TenantCertificateAuthorities certificateAuthorities,
      TenantAccounts accounts,
      AuditLog auditLog,
      Clock clock) {
    this.repository = repository;
    this.certificateAuthorities = certificateAuthorities;
    this.accounts = accounts;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  public Optional<Tenant> find(UUID id) {
    return repository.findById(id);
  }

  /**
   * The tenant as the actor may see it: platform operators see every tenant, a tenant actor only
   * its own. Anything else is reported as not found.
   */
  public Tenant findVisibleTo(Actor actor, UUID id) {
    return repository
        .findById(id)
        .filter(tenant -> actor.isPlatformOperator() || tenant.id().equals(actor.tenantId()))
        .orElseThrow(() -> ApiProblemException.notFound("no tenant " + id));
  }

  public List<Tenant> list() {
    return repository.findAll();
  }

  Tenant create(Actor actor, String requestedSlug, String requestedName) {
    String target = "tenant:" + (requestedSlug == null ? "" : requestedSlug);
    return auditLog.attempt(
        actor,
        "tenant.create",
        target,
        () -> {
          String name = DisplayName.require("name", requestedName);
          TenantSlug slug =
              requestedSlug == null ? TenantSlug.fromName(name) : TenantSlug.of(requestedSlug);
          Tenant tenant = new Tenant(UUID.randomUUID(), slug, name, null, Timestamps.now(clock));
          try {
            repository.insert(tenant);
          } catch (DuplicateKeyException e) {
            throw ApiProblemException.conflict("a tenant with slug '" + slug + "' already exists");
          }
          certificateAuthorities.createFor(tenant.id(), slug);
          String accountPublicKey = accounts.createFor(tenant.id(), slug).publicKey();
          auditLog.record(
              AuditRecord.success(actor, "tenant.create", "tenant:" + tenant.id())
                  .forTenant(tenant.id())
                  .withDetails(
                      Map.of("slug", slug.value(), "name", name, "natsAccount", accountPublicKey)));
          return tenant.withNatsAccount(accountPublicKey);
        });
  }
}
