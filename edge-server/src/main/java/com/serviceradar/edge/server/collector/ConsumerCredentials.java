package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.names.UserTags;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import com.serviceradar.edge.storeforward.StreamPermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Issues the SaaS side's readers of a tenant's collector data: a user of the tenant account that
 * reads the hub's {@code EDGE_INGEST} through consumers of its own (everything every edge site
 * buffered, and what SaaS-direct collectors published), and may also subscribe to the live
 * collector subjects. Returned once, never stored; only its public key is audited.
 */
@Service
class ConsumerCredentials {

  private final Tenants tenants;
  private final TenantAccounts accounts;
  private final NatsIdentities identities;
  private final AuditLog auditLog;
  private final SecureRandom random;

  ConsumerCredentials(
      Tenants tenants,
      TenantAccounts accounts,
      NatsIdentities identities,
      AuditLog auditLog,
      SecureRandom random) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.identities = identities;
    this.auditLog = auditLog;
    this.random = random;
  }

  UserCredentials issue(Actor actor, UUID tenantId) {
    return auditLog.attempt(
        actor,
        "tenant.consumer-creds",
        "tenant:" + tenantId,
        () -> {
          Tenant tenant = tenants.findVisibleTo(actor, tenantId);
          byte[] suffix = new byte[4];
          random.nextBytes(suffix);
          UserCredentials user =
              identities.issueUser(
                  accounts.forTenant(tenant.id(), tenant.slug()),
                  "consumer-" + HexFormat.of().formatHex(suffix),
                  StreamPermissions.ingestReader(),
                  List.of(UserTags.KIND_CONSUMER, UserTags.tenant(tenant.slug())));
          auditLog.record(
              AuditRecord.success(actor, "tenant.consumer-creds", "tenant:" + tenantId)
                  .forTenant(tenantId)
                  .withDetails(Map.of("natsUser", user.publicKey(), "name", user.name())));
          return user;
        });
  }
}
