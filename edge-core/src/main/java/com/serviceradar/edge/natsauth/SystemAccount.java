package com.serviceradar.edge.natsauth;

/**
 * The operator's system account ({@code SYS}): where the control plane's monitor user lives and
 * where {@code $SYS} events and requests such as {@code CLAIMS.UPDATE} are available.
 */
public final class SystemAccount extends NatsAccount {

  private SystemAccount(String jwt, Seed identitySeed, Seed signingSeed) {
    super("system account", jwt, identitySeed, signingSeed);
  }

  /**
   * Rebuilds the system account from stored parts. Checks that the seeds belong to the JWT, not
   * that the operator trusts it (see {@link NatsOperator#restore}).
   *
   * @param signingSeed may be null when the account's signing keys are held elsewhere
   * @throws NatsIdentityException if the JWT is malformed or a seed does not belong to it
   */
  public static SystemAccount restore(String jwt, Seed identitySeed, Seed signingSeed) {
    return new SystemAccount(jwt, identitySeed, signingSeed);
  }
}
