package com.serviceradar.edge.pki;

/**
 * A certificate and key cannot serve as a CA here: they do not belong together, the certificate is
 * not a CA, is expired, or uses a key other than ECDSA P-256. {@link #reason()} says which.
 */
public final class InvalidCertificateAuthorityException extends PkiException {

  private static final long serialVersionUID = 1L;

  /** Why a CA was refused. */
  public enum Reason {
    /** The private key is not the one whose public half is in the certificate. */
    KEY_DOES_NOT_MATCH,
    /** The certificate's basic constraints do not allow it to sign certificates. */
    NOT_A_CA,
    /** A platform root must be self-signed; this certificate was issued by someone else. */
    NOT_SELF_SIGNED,
    /** A tenant CA was not issued by the given platform root, or names another tenant. */
    WRONG_ISSUER_OR_NAME,
    /** The certificate's validity ended before the time it was checked at. */
    EXPIRED,
    /** The certificate's validity begins after the time it was checked at. */
    NOT_YET_VALID,
    /** The key is not ECDSA P-256. */
    UNSUPPORTED_KEY
  }

  private final Reason reason;

  InvalidCertificateAuthorityException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
