package com.serviceradar.edge.pki;

import com.serviceradar.edge.names.CertificateNames;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.pki.InvalidCertificateAuthorityException.Reason;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * The checks every CA here passes before it may sign: P-256, really a CA, key and certificate
 * agree.
 */
final class CaChecks {

  private static final int KEY_CERT_SIGN = 5;

  private CaChecks() {}

  static void requireUsableCa(String role, X509Certificate certificate, PrivateKey privateKey) {
    String subject = Certificates.subject(certificate);
    if (!EcKeys.isP256(certificate.getPublicKey())) {
      throw new InvalidCertificateAuthorityException(
          Reason.UNSUPPORTED_KEY,
          role
              + " certificate "
              + subject
              + " has a "
              + certificate.getPublicKey().getAlgorithm()
              + " key; only ECDSA P-256 is supported");
    }
    if (!EcKeys.isP256(privateKey)) {
      throw new InvalidCertificateAuthorityException(
          Reason.UNSUPPORTED_KEY,
          role
              + " private key is "
              + privateKey.getAlgorithm()
              + "; only ECDSA P-256 is supported");
    }
    boolean[] keyUsage = certificate.getKeyUsage();
    if (certificate.getBasicConstraints() < 0
        || (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN]))) {
      throw new InvalidCertificateAuthorityException(
          Reason.NOT_A_CA,
          role
              + " certificate "
              + subject
              + " is not a CA certificate (basic constraints CA:TRUE and key usage keyCertSign"
              + " are required)");
    }
    if (!EcKeys.matches(privateKey, certificate.getPublicKey())) {
      throw new InvalidCertificateAuthorityException(
          Reason.KEY_DOES_NOT_MATCH,
          role
              + " private key does not match certificate "
              + subject
              + ": give the key the certificate was issued for");
    }
  }

  static void requireValidAt(String role, X509Certificate certificate, Instant at) {
    if (at.isAfter(certificate.getNotAfter().toInstant())) {
      throw new InvalidCertificateAuthorityException(
          Reason.EXPIRED,
          role
              + " certificate "
              + Certificates.subject(certificate)
              + " expired at "
              + certificate.getNotAfter().toInstant());
    }
    if (at.isBefore(certificate.getNotBefore().toInstant())) {
      throw new InvalidCertificateAuthorityException(
          Reason.NOT_YET_VALID,
          role
              + " certificate "
              + Certificates.subject(certificate)
              + " is not valid before "
              + certificate.getNotBefore().toInstant());
    }
  }

  /**
   * The validity a certificate issued by {@code issuer} gets: the requested one, ending no later
   * than the issuer does (a certificate outliving its issuer would only fail later, and silently).
   */
  static Validity withinIssuer(String role, X509Certificate issuer, Validity requested) {
    Instant issuerEnd = issuer.getNotAfter().toInstant();
    if (!requested.notBefore().isBefore(issuerEnd)) {
      throw new InvalidCertificateAuthorityException(
          Reason.EXPIRED,
          role
              + " certificate "
              + Certificates.subject(issuer)
              + " expires at "
              + issuerEnd
              + ", before the requested validity starts");
    }
    return requested.endingNoLaterThan(issuerEnd);
  }

  /** A tenant CA must carry its tenant's name and be signed by the platform root. */
  static void requireTenantCaOf(
      TenantSlug tenant, X509Certificate certificate, X509Certificate platformRoot) {
    requireNamedFor(tenant, certificate);
    requireIssuedBy(platformRoot, certificate);
  }

  private static void requireNamedFor(TenantSlug tenant, X509Certificate certificate) {
    String expected = CertificateNames.tenantCa(tenant);
    Optional<String> actual = Certificates.commonName(certificate);
    if (!actual.equals(Optional.of(expected))) {
      throw new InvalidCertificateAuthorityException(
          Reason.WRONG_ISSUER_OR_NAME,
          "tenant CA"
              + " certificate "
              + Certificates.subject(certificate)
              + " is not the CA of tenant "
              + tenant
              + " (expected CN "
              + expected
              + ")");
    }
  }

  private static void requireIssuedBy(X509Certificate root, X509Certificate certificate) {
    boolean issuerNamed =
        certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal());
    boolean signed;
    try {
      certificate.verify(root.getPublicKey());
      signed = true;
    } catch (GeneralSecurityException e) {
      signed = false;
    }
    if (!issuerNamed || !signed) {
      throw new InvalidCertificateAuthorityException(
          Reason.WRONG_ISSUER_OR_NAME,
          "tenant CA"
              + " certificate "
              + Certificates.subject(certificate)
              + " was not issued by the platform root "
              + Certificates.subject(root));
    }
  }
}
