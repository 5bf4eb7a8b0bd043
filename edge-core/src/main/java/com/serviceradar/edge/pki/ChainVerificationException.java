package com.serviceradar.edge.pki;

/** A certificate does not chain to the trust anchor at the given time; the message says why. */
public final class ChainVerificationException extends PkiException {

  private static final long serialVersionUID = 1L;

  ChainVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
