package com.serviceradar.edge.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/** The one key type the platform uses, ECDSA on P-256 (secp256r1, prime256v1), and its checks. */
final class EcKeys {

  static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECPoint GENERATOR = P256.getG().normalize();

  private EcKeys() {}

  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate ECDSA P-256 keys", e);
    }
  }

  /** Whether {@code key} is an EC public key on P-256. */
  static boolean isP256(PublicKey key) {
    return key != null && isP256(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  static boolean isP256(SubjectPublicKeyInfo info) {
    AlgorithmIdentifier algorithm = info.getAlgorithm();
    ASN1Encodable curve = algorithm.getParameters();
    return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())
        && SECObjectIdentifiers.secp256r1.equals(curve);
  }

  /**
   * Whether {@code privateKey} is the private half of {@code publicKey}: both on P-256 and the
   * private scalar times the generator gives the public point. Deterministic, so it needs no
   * randomness and no signature.
   */
  static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    Optional<BigInteger> scalar = p256Scalar(privateKey);
    if (scalar.isEmpty() || !isP256(publicKey)) {
      return false;
    }
    ECPoint derived = GENERATOR.multiply(scalar.get()).normalize();
    ECPublicKey ec = (ECPublicKey) publicKey;
    return derived.getAffineXCoord().toBigInteger().equals(ec.getW().getAffineX())
        && derived.getAffineYCoord().toBigInteger().equals(ec.getW().getAffineY());
  }

  /** Whether {@code key} is an EC private key on P-256. */
  static boolean isP256(PrivateKey key) {
    return p256Scalar(key).isPresent();
  }

  private static Optional<BigInteger> p256Scalar(PrivateKey key) {
    if (!(key instanceof ECPrivateKey ec)) {
      return Optional.empty();
    }
    var params = ec.getParams();
    boolean onP256 =
        params.getOrder().equals(P256.getN())
            && params.getCurve().getField().getFieldSize() == 256
            && params.getGenerator().getAffineX().equals(GENERATOR.getAffineXCoord().toBigInteger())
            && params
                .getGenerator()
                .getAffineY()
                .equals(GENERATOR.getAffineYCoord().toBigInteger());
    return onP256 ? Optional.of(ec.getS()) : Optional.empty();
  }
}
