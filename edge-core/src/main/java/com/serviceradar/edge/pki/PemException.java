package com.serviceradar.edge.pki;

/**
 * PEM text could not be decoded into what was asked for. The message says what was expected and
 * what was found; it never quotes the text, which may hold a private key.
 */
public final class PemException extends PkiException {

  private static final long serialVersionUID = 1L;

  PemException(String message) {
    super(message);
  }

  PemException(String message, Throwable cause) {
    super(message, cause);
  }
}
