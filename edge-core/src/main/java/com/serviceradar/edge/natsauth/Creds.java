package com.serviceradar.edge.natsauth;

import io.nats.client.support.JwtUtils;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NATS user's {@code .creds}: its JWT and its seed, as the text nats-server and the NATS clients
 * read (jnats' {@code JwtUtils.NATS_USER_JWT_FORMAT}). The one place that writes ({@link
 * #format()}) and reads ({@link #parse(String)}) that text.
 *
 * <p>Secret: it holds the user's seed. {@link #toString()} shows only the user's public key; the
 * seed leaves only through {@link #format()}, for a file or a connection.
 */
public record Creds(String jwt, Seed seed) {

  private static final String PART = "[A-Za-z0-9_=-]+";
  private static final Pattern JWT = Pattern.compile(PART + "\\." + PART + "\\." + PART);
  private static final Pattern JWT_BLOCK =
      Pattern.compile("-----BEGIN NATS USER JWT-----\\s*(\\S+)\\s*------END NATS USER JWT------");
  private static final Pattern SEED_BLOCK =
      Pattern.compile(
          "-----BEGIN USER NKEY SEED-----\\s*(SU[A-Z2-7]+)\\s*------END USER NKEY SEED------");

  /**
   * @throws IllegalArgumentException when the JWT is not three base64url parts (it would break the
   *     file's layout) or the seed is missing
   */
  public Creds {
    if (jwt == null || !JWT.matcher(jwt).matches()) {
      throw new IllegalArgumentException("a user JWT of three base64url parts is required");
    }
    Objects.requireNonNull(seed, "seed");
  }

  /** The creds of the user with this JWT, signing with this seed. */
  public static Creds of(String jwt, Seed seed) {
    return new Creds(jwt, seed);
  }

  /**
   * Reads {@code .creds} text: the first user JWT block and the first user seed block; the rest
   * (jnats' and nsc's warning banner) is ignored.
   *
   * @throws NatsIdentityException {@link NatsIdentityException.Reason#MALFORMED_CREDS} when a block
   *     is missing or the JWT is not three base64url parts, {@link
   *     NatsIdentityException.Reason#MALFORMED_SEED} when the seed is not an nkey seed. The message
   *     never repeats the seed.
   */
  public static Creds parse(String text) {
    Matcher jwt = JWT_BLOCK.matcher(text == null ? "" : text);
    Matcher seed = SEED_BLOCK.matcher(text == null ? "" : text);
    if (!jwt.find() || !seed.find() || !JWT.matcher(jwt.group(1)).matches()) {
      throw new NatsIdentityException(
          NatsIdentityException.Reason.MALFORMED_CREDS,
          "not a NATS user .creds (a JWT and a seed block)");
    }
    Seed parsed;
    try {
      parsed = Seed.of(seed.group(1));
    } catch (IllegalArgumentException e) {
      throw new NatsIdentityException(
          NatsIdentityException.Reason.MALFORMED_SEED, "the .creds holds a malformed user seed");
    }
    return new Creds(jwt.group(1), parsed);
  }

  /** The user's public key ({@code U…}), the seed's. */
  public String userPublicKey() {
    return seed.publicKey();
  }

  /** Secret: the {@code .creds} text, JWT and seed. */
  public String format() {
    char[] secret = seed.reveal();
    try {
      return String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(secret));
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
  }

  @Override
  public String toString() {
    return "Creds[" + seed.publicKey() + ", seed not shown]";
  }
}
