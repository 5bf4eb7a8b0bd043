package com.serviceradar.edge.server.tenant;

import com.serviceradar.edge.names.TenantSlug;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A SaaS customer. Its slug is part of every certificate and NATS name issued for it.
 *
 * @param natsAccountPublicKey the tenant's NATS account; its collectors' and leafs' users belong to
 *     it
 */
public record Tenant(
    UUID id, TenantSlug slug, String name, String natsAccountPublicKey, OffsetDateTime createdAt) {

  Tenant withNatsAccount(String accountPublicKey) {
    return new Tenant(id, slug, name, accountPublicKey, createdAt);
  }
}
