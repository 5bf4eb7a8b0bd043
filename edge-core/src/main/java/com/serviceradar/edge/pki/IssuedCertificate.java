package com.serviceradar.edge.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate together with the private key generated for it. {@link #toString()} never shows the
 * key; seal {@link #privateKeyPem()} before storing it.
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /** The certificate as one PEM {@code CERTIFICATE} block. */
  public String certificatePem() {
    return Pem.encodeCertificate(certificate);
  }

  /** The private key as an unencrypted PKCS#8 PEM {@code PRIVATE KEY} block. */
  public String privateKeyPem() {
    return Pem.encodePrivateKey(privateKey);
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
    return "IssuedCertificate[" + Certificates.subject(certificate) + ", private key hidden]";
  }
}
