package com.serviceradar.edge.secrets;

/**
 * A sealed value could not be opened. Subclasses say why; messages never contain the sealed text,
 * the plaintext or a key.
 */
public abstract class SealedSecretException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SealedSecretException(String message) {
    super(message);
  }
}
