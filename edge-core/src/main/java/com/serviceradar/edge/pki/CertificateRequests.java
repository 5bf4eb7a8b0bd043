package com.serviceradar.edge.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Accepts the key of a PKCS#10 request only with proof of possession (its signature verifies) and
 * only on P-256. Nothing else in the request is used.
 */
final class CertificateRequests {

  private CertificateRequests() {}

  /**
   * The request's public key.
   *
   * @throws CertificateRequestRejectedException when the key is not P-256 or the signature fails
   */
  static PublicKey publicKeyOf(PKCS10CertificationRequest request) {
    Objects.requireNonNull(request, "request");
    SubjectPublicKeyInfo info = request.getSubjectPublicKeyInfo();
    if (!EcKeys.isP256(info)) {
      throw new CertificateRequestRejectedException(
          "certificate request key must be ECDSA P-256; got " + describeKey(info));
    }
    try {
      PublicKey key =
          KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.getEncoded()));
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new CertificateRequestRejectedException(
            "certificate request signature does not verify with its own key");
      }
      return key;
    } catch (OperatorCreationException | PKCSException e) {
      throw new CertificateRequestRejectedException(
          "certificate request signature cannot be checked", e);
    } catch (GeneralSecurityException | IOException e) {
      throw new CertificateRequestRejectedException(
          "certificate request holds no usable public key", e);
    }
  }

  private static String describeKey(SubjectPublicKeyInfo info) {
    ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
    if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
      return "an RSA key";
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      return "an EC key on another curve (" + info.getAlgorithm().getParameters() + ")";
    }
    return "a key of algorithm " + algorithm.getId();
  }
}
