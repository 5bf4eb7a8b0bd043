package com.serviceradar.edge.natsauth;

/**
 * A JWT or seed is refused: malformed, badly signed, not trusted by the operator, or not belonging
 * with the other keys it came with. The message names the JWT or key and the public keys involved;
 * it never contains a seed.
 */
public final class NatsIdentityException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Why the identity was refused. */
  public enum Reason {
    /** Not three base64url parts, not JSON, not a v2 NATS JWT, or a required claim is missing. */
    MALFORMED_JWT,
    /** The ed25519 signature does not verify under the key in {@code iss}. */
    BAD_SIGNATURE,
    /** An operator JWT was expected and an account JWT given, or the other way round. */
    WRONG_CLAIM_TYPE,
    /** Signed by a key that is neither the operator's identity key nor one of its signing keys. */
    UNTRUSTED_ISSUER,
    /** The JWT's {@code exp} has passed. */
    EXPIRED,
    /** A seed of the wrong kind, for example an account seed where an operator seed belongs. */
    WRONG_KEY_TYPE,
    /** A seed's public key is not the subject of the JWT it came with. */
    KEY_MISMATCH,
    /** A signing seed's public key is not listed in the JWT's {@code signing_keys}. */
    SIGNING_KEY_NOT_LISTED,
    /** The account is not the operator's {@code system_account}. */
    NOT_THE_SYSTEM_ACCOUNT,
    /** Text that is not a user {@code .creds}: no JWT block, no user seed block, or a bad JWT. */
    MALFORMED_CREDS,
    /** A {@code .creds} whose seed block holds no valid nkey seed. */
    MALFORMED_SEED
  }

  private final Reason reason;

  NatsIdentityException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
