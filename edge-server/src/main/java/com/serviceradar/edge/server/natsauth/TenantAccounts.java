package com.serviceradar.edge.server.natsauth;

import com.serviceradar.edge.digest.Digests;
import com.serviceradar.edge.leafconfig.AccountJwt;
import com.serviceradar.edge.names.NoticeSubjects;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.names.UserTags;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.natsauth.UserPermissions;
import com.serviceradar.edge.server.system.AtRestSecrets;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.storeforward.StreamPermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One NATS account per tenant, signed by the operator's signing key, and the users issued in it.
 * Every change of an account JWT (a new tenant, a revocation) is announced with {@link
 * AccountJwtChanged} so the hub gets the new JWT.
 */
@Service
public class TenantAccounts {

  private final JdbcClient jdbc;
  private final AtRestSecrets secrets;
  private final PlatformOperator platformOperator;
  private final NatsIdentities identities;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  TenantAccounts(
      JdbcClient jdbc,
      AtRestSecrets secrets,
      PlatformOperator platformOperator,
      NatsIdentities identities,
      ApplicationEventPublisher events,
      Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.platformOperator = platformOperator;
    this.identities = identities;
    this.events = events;
    this.clock = clock;
  }

  /** Creates the tenant's account in the caller's transaction. */
  public TenantAccount createFor(UUID tenantId, TenantSlug tenant) {
    TenantAccount account = identities.createTenantAccount(platformOperator.operator(), tenant);
    jdbc.sql(
            """
            INSERT INTO nats_accounts
              (tenant_id, public_key, jwt, identity_seed_sealed, signing_seed_sealed, jwt_sha256, updated_at)
            VALUES (:tenantId, :publicKey, :jwt, :identity, :signing, :sha256, :updatedAt)
            """)
        .param("tenantId", tenantId)
        .param("publicKey", account.publicKey())
        .param("jwt", account.jwt())
        .param(
            "identity",
            secrets.seal(reveal(account.identitySeed()), place("identity_seed", tenantId)))
        .param(
            "signing",
            secrets.seal(
                reveal(account.signingSeed().orElseThrow()), place("signing_seed", tenantId)))
        .param("sha256", Digests.sha256Hex(account.jwt()))
        .param("updatedAt", Timestamps.now(clock))
        .update();
    events.publishEvent(new AccountJwtChanged(tenantId, tenant, account.publicKey()));
    return account;
  }

  public TenantAccount forTenant(UUID tenantId, TenantSlug tenant) {
    return jdbc.sql(
            "SELECT jwt, identity_seed_sealed, signing_seed_sealed FROM nats_accounts WHERE tenant_id = :id")
        .param("id", tenantId)
        .query(
            (rs, row) ->
                TenantAccount.restore(
                    tenant,
                    rs.getString("jwt"),
                    Seed.of(
                        secrets.open(
                            rs.getString("identity_seed_sealed"),
                            place("identity_seed", tenantId))),
                    Seed.of(
                        secrets.open(
                            rs.getString("signing_seed_sealed"), place("signing_seed", tenantId)))))
        .optional()
        .orElseThrow(
            () -> new IllegalStateException("tenant " + tenantId + " has no NATS account"));
  }

  /** The public key of the tenant's account, without opening any seed. */
  public String publicKeyOf(UUID tenantId) {
    return jdbc.sql("SELECT public_key FROM nats_accounts WHERE tenant_id = :id")
        .param("id", tenantId)
        .query(String.class)
        .single();
  }

  /** The leaf user of one site: may only connect as a leafnode, named and tagged for the site. */
  public UserCredentials issueLeafUser(
      UUID tenantId, TenantSlug tenant, SiteSlug site, UUID siteId) {
    return identities.issueLeafUser(forTenant(tenantId, tenant), site, siteId);
  }

  /** A leaf user JWT for a key the edge host generated and keeps (enrollment with host keys). */
  public String issueLeafUserJwt(
      UUID tenantId, TenantSlug tenant, SiteSlug site, UUID siteId, String userPublicKey) {
    return identities.issueLeafUserJwt(forTenant(tenantId, tenant), site, siteId, userPublicKey);
  }

  /**
   * The control plane's own user in the tenant's account, for its store-and-forward streams: the
   * JetStream API of the hub and of every leaf domain. Issued for one connection, never stored.
   */
  public UserCredentials issueStreamManager(UUID tenantId, TenantSlug tenant) {
    return identities.issueUser(
        forTenant(tenantId, tenant),
        "serviceradar-edge-streams",
        StreamPermissions.streamManager(),
        List.of(UserTags.KIND_CONTROL_PLANE, UserTags.tenant(tenant)));
  }

  /**
   * The control plane's user that announces changes to the tenant's site agents: it may publish the
   * notice subjects and nothing else. Issued for one connection, never stored.
   */
  public UserCredentials issueNoticePublisher(UUID tenantId, TenantSlug tenant) {
    return identities.issueUser(
        forTenant(tenantId, tenant),
        "serviceradar-edge-notices",
        UserPermissions.allow(List.of(NoticeSubjects.CONFIG_CHANGED), List.of()),
        List.of(UserTags.KIND_CONTROL_PLANE, UserTags.tenant(tenant)));
  }

  /**
   * A site agent's user for hearing notices at its own leaf: it may subscribe to the notice
   * subjects and nothing else, so it is worth nothing beyond knowing that something changed.
   */
  public UserCredentials issueNoticeListener(UUID tenantId, TenantSlug tenant, UUID siteId) {
    return identities.issueUser(
        forTenant(tenantId, tenant),
        "site-agent." + siteId,
        UserPermissions.allow(List.of(), List.of(NoticeSubjects.CONFIG_CHANGED)),
        List.of(UserTags.KIND_SITE_AGENT, UserTags.edgeSite(siteId), UserTags.tenant(tenant)));
  }

  /**
   * Revokes users of the tenant's account by re-issuing its JWT with their keys in {@code
   * revocations}. Every JWT of those keys issued up to now stops working wherever the new account
   * JWT is known.
   */
  public TenantAccount revokeUsers(UUID tenantId, TenantSlug tenant, List<String> userPublicKeys) {
    return changeRevocations(tenantId, tenant, userPublicKeys, List.of());
  }

  /**
   * Revokes some users and lifts the revocation of others in one new account JWT, so the hub never
   * sees a state in between (a rotation rolled back: the new leaf user out, the old one back in).
   */
  public TenantAccount changeRevocations(
      UUID tenantId, TenantSlug tenant, List<String> revoke, List<String> reinstate) {
    TenantAccount current = forTenant(tenantId, tenant);
    Map<String, Instant> revocations = new HashMap<>(current.revocations());
    Instant now = clock.instant();
    reinstate.forEach(revocations::remove);
    revoke.forEach(key -> revocations.put(key, now));
    return reissue(tenantId, current, revocations);
  }

  /**
   * Revokes the JWTs of one user key issued before {@code before}, keeping those issued since: a
   * user whose JWT was re-issued with other permissions stops being accepted with the old one.
   */
  public TenantAccount revokeIssuedBefore(
      UUID tenantId, TenantSlug tenant, String userPublicKey, Instant before) {
    TenantAccount current = forTenant(tenantId, tenant);
    Map<String, Instant> revocations = new HashMap<>(current.revocations());
    // NATS revokes a JWT whose iat is at or before the time; iat has whole seconds.
    revocations.merge(userPublicKey, before.minusSeconds(1), (a, b) -> a.isAfter(b) ? a : b);
    return reissue(tenantId, current, revocations);
  }

  private TenantAccount reissue(
      UUID tenantId, TenantAccount current, Map<String, Instant> revocations) {
    TenantAccount reissued =
        identities.reissueTenantAccount(platformOperator.operator(), current, revocations);
    jdbc.sql(
            "UPDATE nats_accounts SET jwt = :jwt, jwt_sha256 = :sha256, updated_at = :updatedAt WHERE tenant_id = :id")
        .param("jwt", reissued.jwt())
        .param("sha256", Digests.sha256Hex(reissued.jwt()))
        .param("updatedAt", Timestamps.now(clock))
        .param("id", tenantId)
        .update();
    events.publishEvent(new AccountJwtChanged(tenantId, reissued.tenant(), reissued.publicKey()));
    return reissued;
  }

  /** The tenant account's current JWT, without opening any seed. */
  public AccountJwt accountJwtOf(UUID tenantId) {
    return jdbc.sql("SELECT public_key, jwt FROM nats_accounts WHERE tenant_id = :id")
        .param("id", tenantId)
        .query((rs, row) -> new AccountJwt(rs.getString("public_key"), rs.getString("jwt")))
        .single();
  }

  /** Every tenant's account public key, by tenant id. */
  public Map<UUID, String> accountKeysByTenant() {
    Map<UUID, String> keys = new LinkedHashMap<>();
    jdbc.sql("SELECT tenant_id, public_key FROM nats_accounts ORDER BY tenant_id")
        .query((rs, row) -> keys.put(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
    return keys;
  }

  /** The tenant an account belongs to, if it is one of ours. */
  public Optional<UUID> tenantOfAccount(String accountPublicKey) {
    return jdbc.sql("SELECT tenant_id FROM nats_accounts WHERE public_key = :key")
        .param("key", accountPublicKey)
        .query(UUID.class)
        .optional();
  }

  /** The current JWT of every tenant account. */
  public List<AccountJwt> allAccountJwts() {
    return jdbc.sql("SELECT public_key, jwt FROM nats_accounts ORDER BY public_key")
        .query((rs, row) -> new AccountJwt(rs.getString("public_key"), rs.getString("jwt")))
        .list();
  }

  private static String place(String column, UUID tenantId) {
    return "nats_accounts." + column + ":" + tenantId;
  }

  private static String reveal(Seed seed) {
    return new String(seed.reveal());
  }
}
