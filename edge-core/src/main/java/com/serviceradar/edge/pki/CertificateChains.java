package com.serviceradar.edge.pki;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that a certificate chains to a trust anchor, with the JDK's PKIX validator: signatures,
 * validity at the given instant, basic constraints and path lengths, key usages of the CAs. Does
 * not check revocation or extended key usage.
 */
public final class CertificateChains {

  private CertificateChains() {}

  /**
   * Verifies {@code certificate} through {@code intermediates} to {@code trustAnchor} at {@code
   * at}.
   *
   * @param intermediates the CAs between the certificate and the anchor, nearest to the certificate
   *     first (for a site's certificates: the tenant CA); may be empty
   * @param trustAnchor the self-signed root to trust (the platform root)
   * @throws ChainVerificationException naming the failing certificate and the reason
   */
  public static void verify(
      X509Certificate certificate,
      List<X509Certificate> intermediates,
      X509Certificate trustAnchor,
      Instant at) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(intermediates, "intermediates");
    Objects.requireNonNull(trustAnchor, "trustAnchor");
    Objects.requireNonNull(at, "at");
    List<X509Certificate> path = new ArrayList<>();
    path.add(certificate);
    intermediates.stream()
        .filter(intermediate -> !intermediate.equals(trustAnchor))
        .forEach(path::add);
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(trustAnchor, null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (CertPathValidatorException e) {
      throw new ChainVerificationException(describe(e, path, trustAnchor), e);
    } catch (InvalidAlgorithmParameterException e) {
      throw new ChainVerificationException("trust anchor cannot be used: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot validate X.509 certificate paths", e);
    }
  }

  private static String describe(
      CertPathValidatorException e, List<X509Certificate> path, X509Certificate anchor) {
    int index = e.getIndex();
    String which =
        index >= 0 && index < path.size()
            ? Certificates.subject(path.get(index))
            : Certificates.subject(path.get(0));
    return which
        + " does not chain to "
        + Certificates.subject(anchor)
        + " ("
        + e.getReason()
        + "): "
        + e.getMessage();
  }

  /** Whether {@code key} is the private key of {@code certificate} (P-256, compared exactly). */
  public static boolean keyMatches(X509Certificate certificate, PrivateKey key) {
    return EcKeys.matches(key, certificate.getPublicKey());
  }
}
