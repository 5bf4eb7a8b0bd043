package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.natsauth.UserClaims;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings leafs installed before store-and-forward onto a link that keeps the collector subjects off
 * it. Their leaf user JWT lacks the deny, so their collectors' messages would reach the hub twice
 * (live and through the buffer) and SaaS-direct messages would land in their buffers. At start the
 * control plane re-issues each such JWT (same key, so host-held seeds keep working); the site's
 * configuration changes, {@code sync} installs it, and when the site reports it synced, the older
 * JWTs of the key are revoked: the live link, which keeps the JWT it connected with, is closed by
 * the hub and the leaf reconnects with the new one.
 */
@Component
class LeafLinkUpgrade {

  private static final Logger log = LoggerFactory.getLogger(LeafLinkUpgrade.class);

  /** A provisioned leaf user's JWT, with what re-issuing it needs. */
  record LeafUserJwt(
      UUID leafId, UUID siteId, UUID tenantId, SiteSlug site, String userPublicKey, String jwt) {}

  private final JdbcClient jdbc;
  private final TenantAccounts accounts;
  private final Tenants tenants;
  private final SiteBundles bundles;
  private final TransactionTemplate transactions;
  private final Clock clock;

  LeafLinkUpgrade(
      JdbcClient jdbc,
      TenantAccounts accounts,
      Tenants tenants,
      SiteBundles bundles,
      TransactionTemplate transactions,
      Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.tenants = tenants;
    this.bundles = bundles;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Re-issues every leaf user JWT that lets the collector subjects cross the link. */
  @EventListener(ApplicationReadyEvent.class)
  void upgradeLegacyLeafUsers() {
    Map<UUID, TenantAccount> accountsByTenant = new HashMap<>();
    int upgraded = 0;
    for (LeafUserJwt leaf : leafUserJwts()) {
      TenantAccount account =
          accountsByTenant.computeIfAbsent(
              leaf.tenantId(),
              id -> accounts.forTenant(id, tenants.find(id).map(Tenant::slug).orElseThrow()));
      UserClaims claims = NatsIdentities.verifyUserJwt(leaf.jwt(), account.claims());
      if (!claims.deniesBothWays(CollectorSubjects.ALL) && upgrade(leaf, account)) {
        upgraded++;
      }
    }
    if (upgraded > 0) {
      log.info(
          "Re-issued {} leaf users so collector subjects stay off their links; their sites' sync"
              + " installs them",
          upgraded);
    }
  }

  /**
   * The site installed its current configuration: JWTs of its leaf user older than the upgraded one
   * stop being accepted, if an upgrade waits for that.
   */
  void synced(UUID tenantId, TenantSlug tenant, UUID leafId, String userPublicKey) {
    takeDueRevocation(leafId)
        .ifPresent(
            before ->
                accounts.revokeIssuedBefore(tenantId, tenant, userPublicKey, before.toInstant()));
  }

  private boolean upgrade(LeafUserJwt leaf, TenantAccount account) {
    OffsetDateTime now = Timestamps.now(clock);
    String jwt =
        accounts.issueLeafUserJwt(
            leaf.tenantId(), account.tenant(), leaf.site(), leaf.siteId(), leaf.userPublicKey());
    Boolean replaced =
        transactions.execute(
            status -> {
              boolean changed = replaceLeafUserJwt(leaf.leafId(), leaf.jwt(), jwt, now);
              if (changed) {
                bundles.refreshChecksum(leaf.tenantId(), leaf.siteId());
              }
              return changed;
            });
    return Boolean.TRUE.equals(replaced);
  }

  private List<LeafUserJwt> leafUserJwts() {
    return jdbc.sql(
            """
            SELECT l.id, s.id AS site_id, s.tenant_id, s.slug, l.leaf_user_public_key, l.leaf_user_jwt
              FROM nats_leaf_servers l JOIN edge_sites s ON s.id = l.edge_site_id
             WHERE l.leaf_user_jwt IS NOT NULL
             ORDER BY s.tenant_id
            """)
        .query(
            (rs, row) ->
                new LeafUserJwt(
                    rs.getObject("id", UUID.class),
                    rs.getObject("site_id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    SiteSlug.of(rs.getString("slug")),
                    rs.getString("leaf_user_public_key"),
                    rs.getString("leaf_user_jwt")))
        .list();
  }

  /** Replaces the JWT unless it changed meanwhile (another replica, a rotation). */
  private boolean replaceLeafUserJwt(
      UUID leafId, String expected, String jwt, OffsetDateTime revokeBefore) {
    return jdbc.sql(
                """
                UPDATE nats_leaf_servers SET leaf_user_jwt = :jwt, revoke_leaf_jwts_before = :before
                 WHERE id = :id AND leaf_user_jwt = :expected
                """)
            .param("jwt", jwt)
            .param("before", revokeBefore)
            .param("id", leafId)
            .param("expected", expected)
            .update()
        == 1;
  }

  /** When older JWTs of the leaf's user are due to be revoked, if they are; clears the note. */
  private Optional<OffsetDateTime> takeDueRevocation(UUID leafId) {
    Optional<OffsetDateTime> due =
        jdbc.sql("SELECT revoke_leaf_jwts_before FROM nats_leaf_servers WHERE id = :id")
            .param("id", leafId)
            .query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
            .optional()
            .flatMap(found -> found);
    due.ifPresent(
        before ->
            jdbc.sql("UPDATE nats_leaf_servers SET revoke_leaf_jwts_before = NULL WHERE id = :id")
                .param("id", leafId)
                .update());
    return due;
  }
}
