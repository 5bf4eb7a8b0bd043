package com.serviceradar.edge.natsauth;

import io.nats.client.NKey;

/**
 * The secret half of an nkey (the {@code S…} string jnats' {@code NKey.getSeed()} returns). Whoever
 * holds it can sign as that key, so it is kept apart from public values: {@link #toString()} shows
 * only the public key, and the secret comes out only through {@link #reveal()}.
 */
public final class Seed {

  private final char[] secret;
  private final NKey.Type type;
  private final String publicKey;

  private Seed(char[] secret) {
    this.secret = secret;
    // NKey keeps the array it is given and zeroes it on clear(): hand it a copy.
    NKey key = Keys.fromSeed(secret.clone());
    try {
      this.type = key.getType();
      this.publicKey = Keys.publicKey(key);
    } finally {
      key.clear();
    }
  }

  /**
   * Wraps a seed; the array is copied.
   *
   * @throws IllegalArgumentException if it is not an nkey seed (the message never repeats it)
   */
  public static Seed of(char[] seed) {
    if (seed == null || seed.length == 0) {
      throw new IllegalArgumentException("seed is required");
    }
    return new Seed(seed.clone());
  }

  /** Wraps a seed given as text, for example read back from encrypted storage. */
  public static Seed of(String seed) {
    if (seed == null || seed.isEmpty()) {
      throw new IllegalArgumentException("seed is required");
    }
    return new Seed(seed.toCharArray());
  }

  /** Takes ownership of a freshly generated key's seed and clears the key. */
  static Seed takeFrom(NKey key) {
    try {
      return new Seed(key.getSeed());
    } finally {
      key.clear();
    }
  }

  /** The public key ({@code O…}, {@code A…} or {@code U…}); safe to show and store in clear. */
  public String publicKey() {
    return publicKey;
  }

  /**
   * The secret seed itself, as a fresh copy the caller should clear after use. Only for encrypting
   * it at rest and for writing {@code .creds}.
   */
  public char[] reveal() {
    return secret.clone();
  }

  NKey.Type type() {
    return type;
  }

  /** A signing key for this seed; the caller clears it after use. */
  NKey toNKey() {
    return Keys.fromSeed(secret.clone());
  }

  /** Compares in constant time, so equality checks do not leak the secret by timing. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Seed)) {
      return false;
    }
    char[] theirs = ((Seed) other).secret;
    if (theirs.length != secret.length) {
      return false;
    }
    int difference = 0;
    for (int i = 0; i < secret.length; i++) {
      difference |= secret[i] ^ theirs[i];
    }
    return difference == 0;
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "Seed[" + publicKey + ", secret not shown]";
  }
}
