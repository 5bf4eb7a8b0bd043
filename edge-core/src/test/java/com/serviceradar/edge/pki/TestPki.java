package com.serviceradar.edge.pki;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Pinned time and randomness, the seed scenario's names, and readers for certificate fields. */
final class TestPki {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final TenantSlug ACME = TenantSlug.of("acme");
  static final TenantSlug GLOBEX = TenantSlug.of("globex");
  static final SiteSlug NYC_OFFICE = SiteSlug.of("nyc-office");

  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final int DIGITAL_SIGNATURE = 0;
  static final int KEY_CERT_SIGN = 5;
  static final int CRL_SIGN = 6;

  private TestPki() {}

  /** A SecureRandom that yields the same bytes for the same seed. */
  static SecureRandom seededRandom(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Subject alternative names as {@code DNS:name} and {@code IP:address}. */
  static List<String> subjectAltNames(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      List<String> shown = new ArrayList<>();
      if (names != null) {
        for (List<?> name : names) {
          int type = (Integer) name.get(0);
          String prefix = type == 2 ? "DNS:" : type == 7 ? "IP:" : "type" + type + ":";
          shown.add(prefix + name.get(1));
        }
      }
      return shown;
    } catch (CertificateParsingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> extendedKeyUsages(X509Certificate certificate) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages == null ? List.of() : usages;
    } catch (CertificateParsingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The private scalar in hex, to check that nothing prints it. */
  static String privateScalarHex(PrivateKey key) {
    return ((ECPrivateKey) key).getS().toString(16);
  }

  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }

  static String issuer(X509Certificate certificate) {
    return certificate.getIssuerX500Principal().getName();
  }
}
