package com.serviceradar.edge.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets for storage with AES-256-GCM and opens them again.
 *
 * <p>Sealed text is {@code v1.<key id>.<base64url without padding of nonce || ciphertext || tag>}:
 * a fresh random 96-bit nonce per value and a 128-bit tag. The authenticated data is the prefix
 * {@code v1.<key id>.} followed by the caller's associated data (UTF-8), so a value only opens in
 * the place it was sealed for, e.g. {@code "nats_leaf_server:42:leaf_key"}.
 *
 * <p>The sealer seals with its current master key and opens values sealed with the current or any
 * previous key, so the master key can be rotated: configure the new key as current and the old one
 * as previous, re-seal what {@link #needsResealing} reports, then drop the old key. Thread-safe.
 * {@link #toString()} shows key ids only.
 */
public final class SecretSealer {

  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");
  private static final String FORMAT = "expected v1.<key id>.<base64url data>";

  private final MasterKey current;
  private final Map<String, MasterKey> keysById;
  private final SecureRandom random;

  /**
   * @param current seals new values and opens values sealed with it
   * @param previous older keys, only for opening; may be empty
   * @param random source of nonces
   * @throws IllegalArgumentException when two different keys share an id
   */
  public SecretSealer(MasterKey current, List<MasterKey> previous, SecureRandom random) {
    this.current = Objects.requireNonNull(current, "current");
    this.random = Objects.requireNonNull(random, "random");
    Map<String, MasterKey> keys = new LinkedHashMap<>();
    keys.put(current.id(), current);
    for (MasterKey key : Objects.requireNonNull(previous, "previous")) {
      MasterKey known = keys.putIfAbsent(key.id(), key);
      if (known != null && !known.sameKeyAs(key)) {
        throw new IllegalArgumentException(
            "two different master keys share the id " + key.id() + "; generate a new key");
      }
    }
    this.keysById = Map.copyOf(keys);
  }

  /** A sealer with a single master key. */
  public static SecretSealer of(MasterKey current, SecureRandom random) {
    return new SecretSealer(current, List.of(), random);
  }

  /** The id of the key new values are sealed with. */
  public String currentKeyId() {
    return current.id();
  }

  /** Seals UTF-8 text with no associated data. */
  public String seal(String plaintext) {
    return seal(plaintext, "");
  }

  /** Seals UTF-8 text bound to {@code associatedData} (e.g. table, row id and column). */
  public String seal(String plaintext, String associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    return sealBytes(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
  }

  /** Seals bytes bound to {@code associatedData}. */
  public String sealBytes(byte[] plaintext, String associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String prefix = VERSION + "." + current.id() + ".";
    byte[] ciphertext;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, current.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(authenticatedData(prefix, associatedData));
      ciphertext = cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot seal with AES-256-GCM", e);
    }
    byte[] body =
        ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
  }

  /** Opens a value sealed with no associated data, as UTF-8 text. */
  public String open(String sealed) {
    return open(sealed, "");
  }

  /** Opens a value sealed with {@code associatedData}, as UTF-8 text. */
  public String open(String sealed, String associatedData) {
    return new String(openBytes(sealed, associatedData), StandardCharsets.UTF_8);
  }

  /**
   * Opens a value sealed with {@code associatedData}.
   *
   * @throws MalformedSealedSecretException when the text is not a sealed value
   * @throws UnknownMasterKeyException when it was sealed with a key this sealer does not hold
   * @throws TamperedSecretException when it was altered or belongs to other associated data
   */
  public byte[] openBytes(String sealed, String associatedData) {
    Objects.requireNonNull(associatedData, "associatedData");
    Parsed parsed = parse(sealed);
    MasterKey key = keysById.get(parsed.keyId());
    if (key == null) {
      throw new UnknownMasterKeyException(
          parsed.keyId(),
          "sealed with master key id "
              + parsed.keyId()
              + ", which is not configured (configured: "
              + configuredIds()
              + ")");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.secretKey(),
          new GCMParameterSpec(TAG_BITS, parsed.body(), 0, NONCE_BYTES));
      cipher.updateAAD(authenticatedData(parsed.prefix(), associatedData));
      return cipher.doFinal(parsed.body(), NONCE_BYTES, parsed.body().length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new TamperedSecretException(
          "sealed value (master key id "
              + parsed.keyId()
              + ") failed authentication: it was altered, or it belongs to other associated data");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot open AES-256-GCM", e);
    }
  }

  /**
   * Whether {@code sealed} was sealed with a key other than the current one, so that it should be
   * opened and sealed again after a rotation.
   *
   * @throws MalformedSealedSecretException when the text is not a sealed value
   */
  public boolean needsResealing(String sealed) {
    return !parse(sealed).keyId().equals(current.id());
  }

  @Override
  public String toString() {
    return "SecretSealer[current=" + current.id() + ", configured=" + configuredIds() + "]";
  }

  private List<String> configuredIds() {
    List<String> ids = new ArrayList<>(keysById.keySet());
    ids.sort(null);
    return ids;
  }

  private static byte[] authenticatedData(String prefix, String associatedData) {
    return (prefix + associatedData).getBytes(StandardCharsets.UTF_8);
  }

  private record Parsed(String prefix, String keyId, byte[] body) {}

  private static Parsed parse(String sealed) {
    if (sealed == null) {
      throw new MalformedSealedSecretException("not a sealed value (got nothing); " + FORMAT);
    }
    String[] parts = sealed.split("\\.", -1);
    if (parts.length != 3 || !KEY_ID.matcher(parts[1]).matches()) {
      throw new MalformedSealedSecretException("not a sealed value; " + FORMAT);
    }
    if (!VERSION.equals(parts[0])) {
      throw new MalformedSealedSecretException(
          "sealed value has an unsupported format version; " + FORMAT);
    }
    byte[] body;
    try {
      body = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new MalformedSealedSecretException("sealed value data is not base64url; " + FORMAT);
    }
    if (body.length < NONCE_BYTES + TAG_BYTES) {
      throw new MalformedSealedSecretException("sealed value data is too short to be sealed");
    }
    return new Parsed(parts[0] + "." + parts[1] + ".", parts[1], body);
  }
}
