package com.serviceradar.edge.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate issued for a key the platform never saw, from a certificate signing request: the
 * private key stays where the request was made.
 */
public record SignedCertificate(X509Certificate certificate) {

  public SignedCertificate {
    Objects.requireNonNull(certificate, "certificate");
  }

  /** The certificate as one PEM {@code CERTIFICATE} block. */
  public String certificatePem() {
    return Pem.encodeCertificate(certificate);
  }

  /** The last instant the certificate is valid. */
  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /** SHA-256 of the certificate's DER, lower-case hex: nats-server's {@code cert_sha256}. */
  public String sha256Fingerprint() {
    return Certificates.sha256(certificate);
  }

  @Override
  public String toString() {
    return "SignedCertificate[" + Certificates.subject(certificate) + "]";
  }
}
