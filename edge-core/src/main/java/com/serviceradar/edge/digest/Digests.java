package com.serviceradar.edge.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex, the form every checksum and fingerprint of the platform takes: a
 * bundle's {@code MANIFEST.sha256} lines and {@code configChecksum}, nats-server's {@code
 * cert_sha256}, stored hashes of bearer tokens and account JWTs, a master key's id.
 */
public final class Digests {

  private Digests() {}

  /** SHA-256 of {@code bytes}, 64 lowercase hex digits ({@code sha256sum}'s form). */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** SHA-256 of {@code text}'s UTF-8 bytes, 64 lowercase hex digits. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
