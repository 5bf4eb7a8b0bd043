package com.serviceradar.edge.natsauth;

import com.serviceradar.edge.names.TenantSlug;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's NATS account, with JetStream enabled, signed by the operator's signing key. Its
 * identity key never changes; its JWT is re-issued when revocations change.
 */
public final class TenantAccount extends NatsAccount {

  private final TenantSlug tenant;

  private TenantAccount(TenantSlug tenant, String jwt, Seed identitySeed, Seed signingSeed) {
    super("tenant account", jwt, identitySeed, requireSigningSeed(signingSeed));
    this.tenant = Objects.requireNonNull(tenant, "tenant");
  }

  private static Seed requireSigningSeed(Seed signingSeed) {
    if (signingSeed == null) {
      throw new IllegalArgumentException("tenant account signing seed is required");
    }
    return signingSeed;
  }

  /**
   * Rebuilds a tenant account from stored parts. Checks that the seeds belong to the JWT, not that
   * the operator trusts it (see {@link NatsOperator#verifyAccountJwt}).
   *
   * @throws NatsIdentityException if the JWT is malformed or a seed does not belong to it
   */
  public static TenantAccount restore(
      TenantSlug tenant, String jwt, Seed identitySeed, Seed signingSeed) {
    return new TenantAccount(tenant, jwt, identitySeed, signingSeed);
  }

  public TenantSlug tenant() {
    return tenant;
  }

  /** The revocations in the current JWT: user public key to revoked-up-to time. */
  public Map<String, Instant> revocations() {
    return claims().revocations();
  }
}
