package com.serviceradar.edge.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs one certificate from a profile. Uses the JDK's providers for keys and signatures
 * and BouncyCastle only to assemble the structure, so no provider is registered globally.
 */
final class CertificateSigner {

  /** 128 random bits: well above the 64 bits of entropy CAs are expected to put in serials. */
  private static final int SERIAL_BITS = 128;

  private CertificateSigner() {}

  /**
   * Signs {@code subjectKey} into a certificate.
   *
   * @param issuer the issuing CA's certificate, or {@code null} for a self-signed certificate
   */
  static X509Certificate sign(
      CertificateProfile profile,
      PublicKey subjectKey,
      X509Certificate issuer,
      PrivateKey issuerKey,
      Validity validity,
      SecureRandom random) {
    X500Name subject = name(profile.commonName());
    X500Name issuerName =
        issuer == null
            ? subject
            : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    PublicKey issuerPublicKey = issuer == null ? subjectKey : issuer.getPublicKey();
    try {
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
              issuerName,
              serialNumber(random),
              Date.from(validity.notBefore()),
              Date.from(validity.notAfter()),
              subject,
              SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded()));
      addExtensions(builder, profile, subjectKey, issuer, issuerPublicKey);
      ContentSigner signer =
          new JcaContentSignerBuilder(EcKeys.SIGNATURE_ALGORITHM)
              .setSecureRandom(random)
              .build(issuerKey);
      X509Certificate certificate =
          new JcaX509CertificateConverter().getCertificate(builder.build(signer));
      certificate.verify(issuerPublicKey);
      return certificate;
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException(
          "could not sign the certificate for " + profile.commonName(), e);
    }
  }

  private static void addExtensions(
      X509v3CertificateBuilder builder,
      CertificateProfile profile,
      PublicKey subjectKey,
      X509Certificate issuer,
      PublicKey issuerPublicKey)
      throws IOException, GeneralSecurityException {
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    BasicConstraints basicConstraints =
        !profile.certificateAuthority()
            ? new BasicConstraints(false)
            : profile.pathLength() < 0
                ? new BasicConstraints(true)
                : new BasicConstraints(profile.pathLength());
    builder.addExtension(Extension.basicConstraints, true, basicConstraints);
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage()));
    if (!profile.extendedKeyUsages().isEmpty()) {
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
    }
    if (!profile.subjectAltNames().isEmpty()) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(profile.subjectAltNames().toArray(GeneralName[]::new)));
    }
    SubjectKeyIdentifier subjectKeyId = extensions.createSubjectKeyIdentifier(subjectKey);
    builder.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyId);
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        issuer == null
            ? new AuthorityKeyIdentifier(subjectKeyId.getKeyIdentifier())
            : authorityKeyIdentifier(extensions, issuer, issuerPublicKey));
  }

  /**
   * The issuer's own subject key identifier when it has one (an imported root may compute it
   * differently from us), otherwise one computed from its key.
   */
  private static AuthorityKeyIdentifier authorityKeyIdentifier(
      JcaX509ExtensionUtils extensions, X509Certificate issuer, PublicKey issuerPublicKey)
      throws IOException {
    byte[] issuerSki = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (issuerSki != null) {
      byte[] keyId =
          SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(issuerSki))
              .getKeyIdentifier();
      return new AuthorityKeyIdentifier(keyId);
    }
    return extensions.createAuthorityKeyIdentifier(
        SubjectPublicKeyInfo.getInstance(issuerPublicKey.getEncoded()));
  }

  /**
   * A subject of one common name. Built by hand because BouncyCastle's builder refuses common names
   * over RFC 5280's 64-character bound, while the contract names (ARCHITECTURE.md "Names") reach
   * 145 characters for 63-character slugs. OpenSSL, the JDK and Go (nats-server) read longer names;
   * the DNS SAN, which TLS name checks use, is within DNS limits.
   */
  private static X500Name name(String commonName) {
    return new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String(commonName))});
  }

  /** A random positive serial; never derived from the clock. */
  private static BigInteger serialNumber(SecureRandom random) {
    BigInteger serial;
    do {
      serial = new BigInteger(SERIAL_BITS, random);
    } while (serial.signum() == 0);
    return serial;
  }
}
