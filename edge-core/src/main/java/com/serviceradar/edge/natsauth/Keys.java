package com.serviceradar.edge.natsauth;

import io.nats.client.NKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * jnats' nkey calls with their checked exceptions turned into unchecked ones: with a valid key they
 * only fail when the JVM lacks ed25519, which no caller can recover from.
 */
final class Keys {

  private Keys() {}

  static Seed createOperator(SecureRandom random) {
    try {
      return Seed.takeFrom(NKey.createOperator(random));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot create an operator nkey", e);
    }
  }

  static Seed createAccount(SecureRandom random) {
    try {
      return Seed.takeFrom(NKey.createAccount(random));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot create an account nkey", e);
    }
  }

  static Seed createUser(SecureRandom random) {
    try {
      return Seed.takeFrom(NKey.createUser(random));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot create a user nkey", e);
    }
  }

  /** Decodes a seed; the message of a failure never contains the seed. */
  static NKey fromSeed(char[] seed) {
    NKey key;
    try {
      key = NKey.fromSeed(seed);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid nkey seed");
    }
    if (key.getType() == null) {
      throw new IllegalArgumentException("not a valid nkey seed");
    }
    return key;
  }

  static String publicKey(NKey key) {
    try {
      return new String(key.getPublicKey());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot derive an nkey's public key", e);
    }
  }

  /** "an operator", "an account", "a user" … for messages. */
  static String describe(NKey.Type type) {
    return switch (type) {
      case OPERATOR -> "an operator";
      case ACCOUNT -> "an account";
      case USER -> "a user";
      case SERVER -> "a server";
      case CLUSTER -> "a cluster";
      case PRIVATE -> "a private";
    };
  }

  static boolean isAccountKey(String publicKey) {
    return publicKey != null && NKey.isValidPublicAccountKey(publicKey.toCharArray());
  }

  static boolean isOperatorKey(String publicKey) {
    return publicKey != null && NKey.isValidPublicOperatorKey(publicKey.toCharArray());
  }

  static boolean isUserKey(String publicKey) {
    return publicKey != null && NKey.isValidPublicUserKey(publicKey.toCharArray());
  }

  /** Checks an ed25519 signature made by the key with this public key. */
  static boolean verify(String publicKey, byte[] signedBytes, byte[] signature) {
    NKey key;
    try {
      key = NKey.fromPublicKey(publicKey.toCharArray());
    } catch (RuntimeException e) {
      return false;
    }
    try {
      return key.verify(signedBytes, signature);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return false;
    }
  }
}
