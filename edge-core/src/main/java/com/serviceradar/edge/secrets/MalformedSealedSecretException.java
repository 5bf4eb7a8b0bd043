package com.serviceradar.edge.secrets;

/** The text is not in the sealed form at all, e.g. a value stored without sealing. */
public final class MalformedSealedSecretException extends SealedSecretException {

  private static final long serialVersionUID = 1L;

  MalformedSealedSecretException(String message) {
    super(message);
  }
}
