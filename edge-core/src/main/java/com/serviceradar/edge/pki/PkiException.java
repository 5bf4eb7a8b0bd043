package com.serviceradar.edge.pki;

/**
 * Base of the exceptions this package throws for bad input (PEM text, certificates, keys,
 * requests). Messages name the problem and never contain key material.
 */
public abstract class PkiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PkiException(String message) {
    super(message);
  }

  PkiException(String message, Throwable cause) {
    super(message, cause);
  }
}
