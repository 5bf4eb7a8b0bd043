package com.serviceradar.edge.server.system;

import java.util.Optional;
import java.util.UUID;

/**
 * Who is acting on a request: the API token (or user) id, its tenant, its role and the address the
 * request came from. Every audit event names one.
 *
 * @param id the token or user id recorded in the audit trail, never the secret itself
 * @param tenantId the tenant the actor is bound to; null for platform operators
 * @param siteId the one edge site a {@link Role#SITE_AGENT} may see; null for every other role
 */
public record Actor(String id, UUID tenantId, Role role, String sourceAddress, UUID siteId) {

  /** An actor that is not bound to one site. */
  public Actor(String id, UUID tenantId, Role role, String sourceAddress) {
    this(id, tenantId, role, sourceAddress, null);
  }

  public Actor {
    if (id == null || role == null) {
      throw new IllegalArgumentException("an actor needs an id and a role");
    }
    if (role.isTenantScoped() != (tenantId != null)) {
      throw new IllegalArgumentException(
          "role " + role.wireName() + " does not fit tenant " + tenantId);
    }
    if (role.isSiteScoped() != (siteId != null)) {
      throw new IllegalArgumentException(
          "role " + role.wireName() + " does not fit site " + siteId);
    }
  }

  /**
   * Whether this actor may see the site at all: a site agent sees only its own, so another site
   * answers 404 to it exactly as another tenant's does.
   */
  public boolean maySee(UUID edgeSiteId) {
    return siteId == null || siteId.equals(edgeSiteId);
  }

  public Optional<UUID> tenant() {
    return Optional.ofNullable(tenantId);
  }

  /** The tenant whose objects this actor works on; only tenant-scoped actors have one. */
  public UUID requireTenant() {
    if (tenantId == null) {
      throw ApiProblemException.forbidden(
          "this endpoint works on one tenant's objects: use a tenant_admin or tenant_viewer token");
    }
    return tenantId;
  }

  public boolean isPlatformOperator() {
    return role == Role.PLATFORM_OPERATOR;
  }
}
