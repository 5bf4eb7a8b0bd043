package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.KEY_MISMATCH;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.SIGNING_KEY_NOT_LISTED;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.WRONG_KEY_TYPE;

import io.nats.client.NKey;
import java.util.Optional;

/**
 * A NATS account: its JWT and the seeds that let the control plane issue its users. Construction
 * checks that the seeds belong to the JWT; whether the operator trusts the JWT is checked by {@link
 * NatsOperator}.
 */
public abstract sealed class NatsAccount permits SystemAccount, TenantAccount {

  private final String jwt;
  private final AccountClaims claims;
  private final Seed identitySeed;
  private final Seed signingSeed;

  /** Decodes the JWT and checks the seeds belong to it; {@code kind} names it in messages. */
  NatsAccount(String kind, String jwt, Seed identitySeed, Seed signingSeed) {
    this.claims = AccountClaims.decode(jwt, kind + " JWT");
    this.jwt = jwt.strip();
    this.identitySeed = requireAccountSeed(identitySeed, kind + " seed");
    if (!identitySeed.publicKey().equals(claims.publicKey())) {
      throw new NatsIdentityException(
          KEY_MISMATCH,
          kind
              + " seed belongs to "
              + identitySeed.publicKey()
              + ", but the JWT's subject is "
              + claims.publicKey());
    }
    this.signingSeed =
        signingSeed == null ? null : requireAccountSeed(signingSeed, kind + " signing seed");
    if (signingSeed != null && !claims.signingKeys().contains(signingSeed.publicKey())) {
      throw new NatsIdentityException(
          SIGNING_KEY_NOT_LISTED,
          kind
              + " signing key "
              + signingSeed.publicKey()
              + " is not among the signing_keys of account "
              + claims.publicKey());
    }
  }

  private static Seed requireAccountSeed(Seed seed, String what) {
    if (seed == null) {
      throw new IllegalArgumentException(what + " is required");
    }
    if (seed.type() != NKey.Type.ACCOUNT) {
      throw new NatsIdentityException(
          WRONG_KEY_TYPE,
          what + " is " + Keys.describe(seed.type()) + " seed, expected an account seed");
    }
    return seed;
  }

  /**
   * The account's public key ({@code A…}): the {@code sub} of its JWT and the users' issuer
   * account.
   */
  public String publicKey() {
    return claims.publicKey();
  }

  public String name() {
    return claims.name();
  }

  /** The account JWT, for the resolver (preload or {@code $SYS.REQ.CLAIMS.UPDATE}). */
  public String jwt() {
    return jwt;
  }

  public AccountClaims claims() {
    return claims;
  }

  /** Secret: the account's identity seed. Stays stable when the JWT is re-issued. */
  public Seed identitySeed() {
    return identitySeed;
  }

  /**
   * Secret: the account signing seed that signs its users; absent for an imported account whose
   * signing keys are held elsewhere (its users are then signed by the identity seed).
   */
  public Optional<Seed> signingSeed() {
    return Optional.ofNullable(signingSeed);
  }

  /** The seed users of this account are signed with. */
  Seed userSigner() {
    return signingSeed != null ? signingSeed : identitySeed;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + claims.name() + ", " + claims.publicKey() + "]";
  }
}
