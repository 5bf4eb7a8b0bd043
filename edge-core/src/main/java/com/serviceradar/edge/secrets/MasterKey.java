package com.serviceradar.edge.secrets;

import com.serviceradar.edge.digest.Digests;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES master key and its id.
 *
 * <p>The id is the first 8 hex digits of the SHA-256 of the raw key, so an operator can tell which
 * key they hold without revealing it: {@code printf %s "$EDGE_MASTER_KEY" | base64 -d | sha256sum |
 * cut -c1-8}. {@link #toString()} shows only the id.
 */
public final class MasterKey {

  /** Length of a master key in bytes. */
  public static final int LENGTH = 32;

  private static final String EXPECTED =
      "expected " + LENGTH + " random bytes in base64, e.g. from `openssl rand -base64 32`";

  private final byte[] key;
  private final String id;

  private MasterKey(byte[] key) {
    this.key = key.clone();
    this.id = idOf(this.key);
  }

  /**
   * Reads a master key from base64 (standard or URL-safe alphabet, padding optional, surrounding
   * whitespace ignored) that must decode to exactly 32 bytes.
   *
   * @throws InvalidMasterKeyException when it is empty, not base64 or not 32 bytes; the message
   *     never contains the text
   */
  public static MasterKey fromBase64(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidMasterKeyException("master key is empty; " + EXPECTED);
    }
    String trimmed = text.strip();
    byte[] decoded;
    try {
      boolean urlSafe = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0;
      decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(trimmed);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: leave it out.
      throw new InvalidMasterKeyException("master key is not valid base64; " + EXPECTED);
    }
    if (decoded.length != LENGTH) {
      throw new InvalidMasterKeyException(
          "master key must decode to exactly "
              + LENGTH
              + " bytes (256 bits), got "
              + decoded.length
              + " bytes; "
              + EXPECTED);
    }
    return new MasterKey(decoded);
  }

  /** A new random master key. */
  public static MasterKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] key = new byte[LENGTH];
    random.nextBytes(key);
    return new MasterKey(key);
  }

  /** The short, non-secret id that sealed values carry: 8 lower-case hex digits. */
  public String id() {
    return id;
  }

  /**
   * The key itself in standard base64, for writing a generated key where it will be read back.
   * Treat the result as the secret it is.
   */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(key);
  }

  /** Whether {@code other} is the same key, compared in constant time. */
  boolean sameKeyAs(MasterKey other) {
    return MessageDigest.isEqual(key, other.key);
  }

  SecretKey secretKey() {
    return new SecretKeySpec(key, "AES");
  }

  @Override
  public String toString() {
    return "MasterKey[id=" + id + "]";
  }

  private static String idOf(byte[] key) {
    return Digests.sha256Hex(key).substring(0, 8);
  }
}
