package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.Timestamps;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Renews a site's leaf identity without a window in which neither identity works. nats-server 2.9
 * keeps a leaf's live link on its old user and certificate through a reload and uses new files only
 * on its next connect, and has no way to close one link except revoking its user (NATS-FACTS.md,
 * "Hub and leaf configuration", "Revocation"). So the new identity is issued as pending while the
 * old one keeps working; the edge host installs it and reloads; the cut-over revokes the old user,
 * the hub closes the link, and the leaf reconnects with the new files; the monitor seeing the new
 * user connected completes the rotation. Until then a rollback restores the old identity and lifts
 * its revocation. Every step is audited.
 */
@Service
public class LeafRotations {

  /** Who completes a rotation: the monitor, on the hub's word that the new user connected. */
  static final Actor MONITOR = new Actor("monitor", null, Role.PLATFORM_OPERATOR, null);

  /**
   * A started rotation and the files of the new identity, by bundle path.
   *
   * @param userJwt the new leaf user JWT of a host-keyed site (the host writes its creds); null
   *     otherwise, as the creds are among the files
   */
  record Started(LeafRotation rotation, Map<String, String> files, String userJwt) {
    @Override
    public String toString() {
      return "Started[" + rotation + ", " + files.size() + " files hidden]";
    }
  }

  private final LeafRotationRepository rotations;
  private final EdgeSiteRepository sites;
  private final Tenants tenants;
  private final LeafProvisioner provisioner;
  private final SiteBundles bundles;
  private final TenantAccounts accounts;
  private final RotationMoves moves;
  private final AuditLog auditLog;
  private final Clock clock;

  LeafRotations(
      LeafRotationRepository rotations,
      EdgeSiteRepository sites,
      Tenants tenants,
      LeafProvisioner provisioner,
      SiteBundles bundles,
      TenantAccounts accounts,
      RotationMoves moves,
      AuditLog auditLog,
      Clock clock) {
    this.rotations = rotations;
    this.sites = sites;
    this.tenants = tenants;
    this.provisioner = provisioner;
    this.bundles = bundles;
    this.accounts = accounts;
    this.moves = moves;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  /** The site's most recent rotation. */
  LeafRotation current(Actor actor, UUID siteId) {
    UUID tenantId = actor.requireTenant();
    site(actor, siteId);
    return rotations
        .latest(tenantId, siteId)
        .orElseThrow(
            () -> ApiProblemException.notFound("edge site " + siteId + " has not been rotated"));
  }

  /**
   * Issues a new identity, pending: the old one stays the site's and keeps working. The answer
   * holds the new identity's files (keys and creds included when the control plane holds them),
   * once. A site whose edge host holds its keys renews with {@code hostKeys}: a new CSR and nkey
   * made on the host, so no private key or seed leaves it.
   */
  Started start(Actor actor, UUID siteId, Optional<LeafProvisioner.NewHostKeys> hostKeys) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.rotate-start",
        target(siteId),
        () -> {
          EdgeSite site = site(actor, siteId);
          if (site.leafServer().status() == LeafServerStatus.PENDING) {
            throw ApiProblemException.conflict("the site's leaf is not provisioned yet");
          }
          rotations
              .findOpen(tenantId, siteId)
              .ifPresent(
                  open -> {
                    throw ApiProblemException.conflict(
                        "a rotation of this site is already "
                            + open.state().wireName()
                            + ": finish it (cutover) or roll it back first");
                  });
          HeldIdentity current = rotations.siteIdentity(site.leafServer().id()).orElseThrow();
          Tenant tenant = tenant(tenantId);
          HeldIdentity pending = provisioner.renew(tenant, site, current, hostKeys);
          OffsetDateTime now = Timestamps.now(clock);
          LeafRotation rotation =
              new LeafRotation(
                  UUID.randomUUID(),
                  siteId,
                  tenantId,
                  RotationState.PENDING,
                  current.userPublicKey(),
                  pending.userPublicKey(),
                  pending.expiresAt(),
                  now,
                  null,
                  null,
                  null);
          try {
            rotations.insert(rotation, pending);
          } catch (DuplicateKeyException e) {
            throw ApiProblemException.conflict("another rotation of this site started meanwhile");
          }
          moves.started(
              rotation,
              now,
              "new leaf user "
                  + pending.userPublicKey()
                  + ", started by "
                  + actor.role().wireName());
          auditLog.record(
              AuditRecord.success(actor, "edge-site.rotate-start", target(siteId))
                  .withDetails(details(rotation)));
          return new Started(
              rotation,
              bundles.rotationFiles(tenant, site, pending),
              pending.isHostKeyed() ? pending.userJwt() : null);
        });
  }

  /**
   * Makes the new identity the site's and revokes the old user: the hub closes the leaf's link and
   * the leaf reconnects with the files installed since the start. The old identity is kept for a
   * rollback until the monitor sees the new user connect.
   */
  LeafRotation cutOver(Actor actor, UUID siteId) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.rotate-cutover",
        target(siteId),
        () -> {
          EdgeSite site = site(actor, siteId);
          LeafRotation open = requireOpen(tenantId, siteId);
          RotationState next = move(open, RotationState.CUTTING_OVER);
          UUID leafId = site.leafServer().id();
          HeldIdentity incoming = rotations.held(open.id());
          HeldIdentity outgoing = rotations.siteIdentity(leafId).orElseThrow();
          OffsetDateTime now = Timestamps.now(clock);
          rotations.storeSiteIdentity(leafId, incoming, reprovisioned(site), now);
          rotations.storeHeld(open.id(), outgoing);
          moves.moved(open, next, now, null);
          accounts.revokeUsers(tenantId, tenant(tenantId).slug(), List.of(open.oldUserPublicKey()));
          LeafRotation cutOver = rotations.latest(tenantId, siteId).orElseThrow();
          auditLog.record(
              AuditRecord.success(actor, "edge-site.rotate-cutover", target(siteId))
                  .withDetails(details(cutOver))
                  .withDetails(Map.of("revokedLeafUser", open.oldUserPublicKey())));
          return cutOver;
        });
  }

  /**
   * Gives up a rotation: the old identity is the site's again (its user's revocation lifted) and
   * the new user is revoked, so the edge host's restored old files connect again.
   */
  LeafRotation rollBack(Actor actor, UUID siteId, String reason) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "edge-site.rotate-rollback",
        target(siteId),
        () -> {
          EdgeSite site = site(actor, siteId);
          LeafRotation open = requireOpen(tenantId, siteId);
          RotationState next = move(open, RotationState.ROLLED_BACK);
          OffsetDateTime now = Timestamps.now(clock);
          Tenant tenant = tenant(tenantId);
          switch (open.state()) {
            case PENDING ->
                accounts.revokeUsers(tenantId, tenant.slug(), List.of(open.newUserPublicKey()));
            case CUTTING_OVER -> {
              rotations.storeSiteIdentity(
                  site.leafServer().id(), rotations.held(open.id()), reprovisioned(site), now);
              accounts.changeRevocations(
                  tenantId,
                  tenant.slug(),
                  List.of(open.newUserPublicKey()),
                  List.of(open.oldUserPublicKey()));
            }
            case COMPLETED, ROLLED_BACK, CANCELLED ->
                throw new IllegalStateException("an open rotation is " + open.state());
          }
          moves.moved(open, next, now, reason);
          LeafRotation rolledBack = rotations.latest(tenantId, siteId).orElseThrow();
          auditLog.record(
              AuditRecord.success(actor, "edge-site.rotate-rollback", target(siteId))
                  .withDetails(details(rolledBack))
                  .withDetails(Map.of("revokedLeafUser", open.newUserPublicKey())));
          return rolledBack;
        });
  }

  /**
   * The monitor recorded the site's leaf connected. After a cut-over the site's user is the new
   * one, so this is the confirmation the rotation waits for.
   */
  @EventListener
  void siteHealthChanged(SiteHealthChanged changed) {
    if (!"connected".equals(changed.kind())) {
      return;
    }
    rotations
        .findOpen(changed.tenantId(), changed.siteId())
        .filter(open -> open.state() == RotationState.CUTTING_OVER)
        .ifPresent(
            open -> {
              moves.moved(open, move(open, RotationState.COMPLETED), Timestamps.now(clock), null);
              auditLog.record(
                  AuditRecord.success(MONITOR, "edge-site.rotate-complete", target(open.siteId()))
                      .forTenant(open.tenantId())
                      .withDetails(details(open))
                      .withDetails(Map.of("state", RotationState.COMPLETED.wireName())));
            });
  }

  /**
   * Ends the site's open rotation because the site's identity is being replaced or removed
   * (regenerate, enrollment, delete), in the caller's transaction.
   *
   * @return leaf users only the rotation knew of (a pending new user), to revoke with the site's
   */
  List<String> cancelOpen(Actor actor, UUID tenantId, UUID siteId, String why) {
    return rotations
        .findOpen(tenantId, siteId)
        .map(
            open -> {
              moves.moved(open, move(open, RotationState.CANCELLED), Timestamps.now(clock), why);
              auditLog.record(
                  AuditRecord.success(actor, "edge-site.rotate-cancel", target(siteId))
                      .forTenant(tenantId)
                      .withDetails(details(open))
                      .withDetails(Map.of("reason", why)));
              return switch (open.state()) {
                case PENDING -> List.of(open.newUserPublicKey());
                // The held identity is the old one, revoked at the cut-over.
                case CUTTING_OVER, COMPLETED, ROLLED_BACK, CANCELLED -> List.<String>of();
              };
            })
        .orElse(List.of());
  }

  private LeafRotation requireOpen(UUID tenantId, UUID siteId) {
    return rotations
        .findOpen(tenantId, siteId)
        .orElseThrow(
            () ->
                ApiProblemException.conflict(
                    "no rotation of this site is open: start one with POST .../rotate"));
  }

  private static RotationState move(LeafRotation rotation, RotationState next) {
    try {
      return rotation.state().moveTo(next);
    } catch (IllegalStateException e) {
      throw ApiProblemException.conflict(e.getMessage());
    }
  }

  /** Swapping identities re-provisions the leaf: it is connected again once the hub says so. */
  private static LeafServerStatus reprovisioned(EdgeSite site) {
    return site.leafServer().status().moveTo(LeafServerStatus.PROVISIONED);
  }

  /** The actor's site; another tenant's, or for a site agent any other site, answers 404. */
  private EdgeSite site(Actor actor, UUID siteId) {
    return sites
        .find(actor.requireTenant(), siteId)
        .filter(site -> actor.maySee(site.id()))
        .orElseThrow(() -> ApiProblemException.notFound("no edge site " + siteId));
  }

  private Tenant tenant(UUID tenantId) {
    return tenants.find(tenantId).orElseThrow(() -> ApiProblemException.notFound("no such tenant"));
  }

  private static String target(UUID siteId) {
    return "edge-site:" + siteId;
  }

  private static Map<String, String> details(LeafRotation rotation) {
    return Map.of(
        "rotation", rotation.id().toString(),
        "state", rotation.state().wireName(),
        "oldLeafUser", rotation.oldUserPublicKey(),
        "newLeafUser", rotation.newUserPublicKey());
  }
}
