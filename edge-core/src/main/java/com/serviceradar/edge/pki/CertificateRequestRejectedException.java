package com.serviceradar.edge.pki;

/**
 * A PKCS#10 certificate signing request was refused: its signature does not verify (so its sender
 * has not proven it holds the key), or its key is not ECDSA P-256.
 */
public final class CertificateRequestRejectedException extends PkiException {

  private static final long serialVersionUID = 1L;

  CertificateRequestRejectedException(String message) {
    super(message);
  }

  CertificateRequestRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
