package com.serviceradar.edge.natsauth;

import java.time.Instant;

/**
 * A freshly issued NATS user: its JWT and seed, and the {@code .creds} text clients and leafs read.
 * The seed is shown once and should not be kept by the control plane beyond handing it out.
 */
public final class UserCredentials {

  private final String name;
  private final String accountPublicKey;
  private final Instant issuedAt;
  private final String jwt;
  private final Seed seed;

  UserCredentials(String name, String accountPublicKey, Instant issuedAt, String jwt, Seed seed) {
    this.name = name;
    this.accountPublicKey = accountPublicKey;
    this.issuedAt = issuedAt;
    this.jwt = jwt;
    this.seed = seed;
  }

  public String name() {
    return name;
  }

  /** The user's public key ({@code U…}): what revocations name and what the hub reports. */
  public String publicKey() {
    return seed.publicKey();
  }

  public String accountPublicKey() {
    return accountPublicKey;
  }

  /** The JWT's {@code iat}; a revocation at or after this time revokes it. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** The user JWT (public: it proves nothing without the seed). */
  public String jwt() {
    return jwt;
  }

  /** Secret: the user's seed. */
  public Seed seed() {
    return seed;
  }

  /** Secret: the user's {@code .creds}, its JWT and seed. */
  public Creds creds() {
    return Creds.of(jwt, seed);
  }

  /**
   * Secret: the standard {@code .creds} file text (see {@link Creds#format()}), containing the JWT
   * and the seed.
   */
  public String credsText() {
    return creds().format();
  }

  @Override
  public String toString() {
    return "UserCredentials[" + name + ", " + publicKey() + ", account " + accountPublicKey + "]";
  }
}
