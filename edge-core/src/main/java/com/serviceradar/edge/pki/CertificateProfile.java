package com.serviceradar.edge.pki;

import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What goes into one kind of certificate apart from its key, issuer and validity.
 *
 * @param pathLength for a CA the number of CAs allowed below it, {@code -1} for no limit; ignored
 *     for end entities
 */
record CertificateProfile(
    String commonName,
    boolean certificateAuthority,
    int pathLength,
    int keyUsage,
    List<KeyPurposeId> extendedKeyUsages,
    List<GeneralName> subjectAltNames) {

  private static final int CA_KEY_USAGE = KeyUsage.keyCertSign | KeyUsage.cRLSign;
  private static final int END_ENTITY_KEY_USAGE = KeyUsage.digitalSignature;

  CertificateProfile {
    extendedKeyUsages = List.copyOf(extendedKeyUsages);
    // Duplicates (say, "localhost" given as the leaf URL host) would only bloat the certificate.
    subjectAltNames = List.copyOf(new LinkedHashSet<>(subjectAltNames));
  }

  static CertificateProfile certificateAuthority(String commonName, int pathLength) {
    return new CertificateProfile(commonName, true, pathLength, CA_KEY_USAGE, List.of(), List.of());
  }

  static CertificateProfile endEntity(
      String commonName, List<KeyPurposeId> extendedKeyUsages, List<GeneralName> subjectAltNames) {
    return new CertificateProfile(
        commonName, false, -1, END_ENTITY_KEY_USAGE, extendedKeyUsages, subjectAltNames);
  }
}
