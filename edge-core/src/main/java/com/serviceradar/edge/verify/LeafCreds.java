package com.serviceradar.edge.verify;

import com.serviceradar.edge.names.UserTags;
import com.serviceradar.edge.natsauth.AccountClaims;
import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsIdentityException;
import com.serviceradar.edge.natsauth.UserClaims;
import com.serviceradar.edge.verify.LeafMaterial.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The leaf's {@code tenant.creds} checked along the chain it must hold to: operator JWT in the
 * conf, tenant account JWT preloaded in the conf, user JWT in the creds, and the seed that is the
 * user's key. What the other leaf checks and {@code doctor} learn from the creds comes from here.
 */
final class LeafCreds {

  private LeafCreds() {}

  /**
   * The edge site id from the leaf creds' {@code edge-site:<id>} tag, when the creds verify against
   * the tenant account of the configuration (so a hand-edited README or comment cannot mislead).
   */
  static Optional<UUID> siteId(LeafMaterial material) {
    try {
      return UserTags.edgeSiteOf(verifiedUser(material).tags());
    } catch (IllegalArgumentException | LeafChecks.Unusable unusable) {
      return Optional.empty();
    }
  }

  /**
   * When the leaf creds' JWT expires; empty when it has no expiry or does not verify against the
   * tenant account of the configuration (the creds check says why).
   */
  static Optional<Instant> expiry(LeafMaterial material) {
    try {
      return verifiedUser(material).expiresAt();
    } catch (IllegalArgumentException | LeafChecks.Unusable unusable) {
      return Optional.empty();
    }
  }

  static Check check(LeafMaterial material, Instant now) {
    try {
      UserClaims user = verifiedUser(material);
      if (user.expiresAt().isPresent() && !user.expiresAt().get().isAfter(now)) {
        return Check.fail(
            LeafChecks.CREDS,
            "tenant.creds expired on " + LeafChecks.day(user.expiresAt().get()),
            LeafChecks.REGENERATE);
      }
      AccountClaims account =
          NatsIdentities.verifyAccountJwt(
              material.conf().tenantAccountJwt().orElseThrow(), operatorJwt(material));
      if (user.isRevokedBy(account)) {
        return Check.fail(
            LeafChecks.CREDS,
            "tenant.creds (" + user.name() + ") is revoked by the tenant account JWT in the conf",
            LeafChecks.REGENERATE);
      }
      return Check.pass(
          LeafChecks.CREDS,
          "tenant.creds is user "
              + user.name()
              + ", signed by tenant account "
              + account.name()
              + " ("
              + LeafChecks.abbreviate(account.publicKey())
              + ")"
              + user.expiresAt()
                  .map(at -> ", expires " + LeafChecks.day(at))
                  .orElse(", no expiry"));
    } catch (LeafChecks.Unusable unusable) {
      return unusable.toCheck(LeafChecks.CREDS);
    }
  }

  private static UserClaims verifiedUser(LeafMaterial material) {
    Creds creds;
    try {
      creds = Creds.parse(LeafChecks.text(material, Role.CREDS));
    } catch (NatsIdentityException e) {
      throw new LeafChecks.Unusable(
          e.reason() == NatsIdentityException.Reason.MALFORMED_SEED
              ? "tenant.creds holds a malformed seed"
              : "tenant.creds is not a NATS user .creds (a JWT and a seed block)",
          LeafChecks.REDOWNLOAD);
    }
    LeafConf conf = material.conf();
    String account = conf.remote("account").orElse(null);
    if (account == null || conf.tenantAccountJwt().isEmpty()) {
      throw new LeafChecks.Unusable(
          "nats-leaf.conf has no leafnodes remote account with a resolver_preload JWT",
          LeafChecks.REDOWNLOAD);
    }
    UserClaims user;
    try {
      AccountClaims claims =
          NatsIdentities.verifyAccountJwt(conf.tenantAccountJwt().get(), operatorJwt(material));
      user = NatsIdentities.verifyUserJwt(creds.jwt(), claims);
    } catch (NatsIdentityException e) {
      throw new LeafChecks.Unusable(
          "tenant.creds does not verify: " + e.getMessage(), LeafChecks.REGENERATE);
    }
    if (!creds.userPublicKey().equals(user.publicKey())) {
      throw new LeafChecks.Unusable(
          "tenant.creds: the seed is not the key of its JWT ("
              + LeafChecks.abbreviate(user.publicKey())
              + ")",
          LeafChecks.REDOWNLOAD);
    }
    return user;
  }

  private static String operatorJwt(LeafMaterial material) {
    return material
        .conf()
        .top("operator")
        .orElseThrow(
            () ->
                new LeafChecks.Unusable(
                    "nats-leaf.conf has no operator JWT", LeafChecks.REDOWNLOAD));
  }
}
