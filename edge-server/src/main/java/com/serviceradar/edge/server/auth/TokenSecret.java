package com.serviceradar.edge.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret half of an API token. 256 random bits, so a plain SHA-256 is a sufficient hash to
 * store: there is nothing to brute-force, and lookups by hash stay a single indexed query.
 */
record TokenSecret(String value) {

  static final String PREFIX = "sre_";
  private static final int RANDOM_BYTES = 32;

  static TokenSecret generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new TokenSecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  String sha256() {
    return sha256(value);
  }

  static String sha256(String presented) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(presented.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "TokenSecret[****]";
  }
}
