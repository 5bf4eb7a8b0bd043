package com.serviceradar.edge.secrets;

/** The master key text is unusable. The message says why and never contains the text. */
public final class InvalidMasterKeyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InvalidMasterKeyException(String message) {
    super(message);
  }
}
