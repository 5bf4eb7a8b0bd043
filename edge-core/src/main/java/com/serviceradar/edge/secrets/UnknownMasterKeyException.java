package com.serviceradar.edge.secrets;

/**
 * The value was sealed with a master key this sealer does not hold: configure that key (as a
 * previous key when rotating) to open it.
 */
public final class UnknownMasterKeyException extends SealedSecretException {

  private static final long serialVersionUID = 1L;

  private final String keyId;

  UnknownMasterKeyException(String keyId, String message) {
    super(message);
    this.keyId = keyId;
  }

  /** The id of the master key the value was sealed with. */
  public String keyId() {
    return keyId;
  }
}
