package com.serviceradar.edge.server.system;

import com.serviceradar.edge.digest.Digests;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A bearer secret: an API token or a one-time join token. 256 random bits, so a plain SHA-256 is a
 * sufficient hash to store: there is nothing to brute-force, and lookups by hash stay a single
 * indexed query.
 */
public record SecretToken(String value) {

  private static final int RANDOM_BYTES = 32;

  /** A new token; the prefix says what it is ({@code sre_} API token, {@code srj_} join token). */
  public static SecretToken generate(String prefix, SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new SecretToken(prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  public String sha256() {
    return sha256(value);
  }

  public static String sha256(String presented) {
    return Digests.sha256Hex(presented);
  }

  @Override
  public String toString() {
    return "SecretToken[****]";
  }
}
