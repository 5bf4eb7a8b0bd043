package com.serviceradar.edge.pki;

import com.serviceradar.edge.digest.Digests;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** Facts read off a certificate: fingerprint, subject, common name. */
final class Certificates {

  private Certificates() {}

  /** SHA-256 over the DER bytes, lower-case hex, as nats-server's {@code cert_sha256}. */
  static String sha256(X509Certificate certificate) {
    try {
      return Digests.sha256Hex(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }

  /** The subject distinguished name in RFC 2253 form, for messages. */
  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  /** The subject's common name when it has exactly one. */
  static Optional<String> commonName(X509Certificate certificate) {
    RDN[] names =
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
            .getRDNs(BCStyle.CN);
    if (names.length != 1 || names[0].isMultiValued()) {
      return Optional.empty();
    }
    return Optional.of(IETFUtils.valueToString(names[0].getFirst().getValue()));
  }
}
