package com.serviceradar.edge.pki;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM text for certificates, certificate chains, private keys and certificate signing requests, as
 * nats-server, OpenSSL and the JDK read them.
 *
 * <p>Encoding writes 64-column base64 with {@code \n} line ends and a final newline, so the same
 * input always gives the same text. Private keys are written as unencrypted PKCS#8 ({@code PRIVATE
 * KEY}); seal them before storing. Decoding accepts text around the blocks (as in {@code openssl
 * x509 -text} output) and, for keys, both PKCS#8 and SEC1 ({@code EC PRIVATE KEY}, with or without
 * a leading {@code EC PARAMETERS} block). Decoding failures throw {@link PemException}, whose
 * message never quotes the input.
 */
public final class Pem {

  private static final Base64.Encoder BASE64 =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** One {@code CERTIFICATE} block. */
  public static String encodeCertificate(X509Certificate certificate) {
    try {
      return block("CERTIFICATE", certificate.getEncoded());
    } catch (CertificateException e) {
      throw new IllegalStateException("certificate cannot be DER-encoded", e);
    }
  }

  /**
   * {@code CERTIFICATE} blocks in the given order, e.g. a chain from the issuing CA to the root.
   */
  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    certificates.forEach(certificate -> pem.append(encodeCertificate(certificate)));
    return pem.toString();
  }

  /** An unencrypted PKCS#8 {@code PRIVATE KEY} block. */
  public static String encodePrivateKey(PrivateKey privateKey) {
    if (!"PKCS#8".equals(privateKey.getFormat())) {
      throw new IllegalArgumentException(
          "private key must be exportable as PKCS#8 (its format is "
              + privateKey.getFormat()
              + ")");
    }
    return block("PRIVATE KEY", privateKey.getEncoded());
  }

  /** A {@code CERTIFICATE REQUEST} block. */
  public static String encodeCertificateRequest(PKCS10CertificationRequest request) {
    try {
      return block("CERTIFICATE REQUEST", request.getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException("certificate request cannot be DER-encoded", e);
    }
  }

  /** Exactly one certificate. */
  public static X509Certificate decodeCertificate(String pem) {
    List<X509Certificate> certificates = decodeCertificates(pem);
    if (certificates.size() != 1) {
      throw new PemException(
          "expected one CERTIFICATE block, found " + certificates.size() + " certificates");
    }
    return certificates.get(0);
  }

  /** One or more certificates, in the order they appear. */
  public static List<X509Certificate> decodeCertificates(String pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object object : objects(pem, "certificate")) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new PemException("expected only CERTIFICATE blocks, found " + describe(object));
      }
      try {
        certificates.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new PemException("CERTIFICATE block is not a valid X.509 certificate", e);
      }
    }
    if (certificates.isEmpty()) {
      throw new PemException("expected a CERTIFICATE block, found no PEM block");
    }
    return certificates;
  }

  /** Exactly one unencrypted private key, PKCS#8 or SEC1. */
  public static PrivateKey decodePrivateKey(String pem) {
    List<PrivateKeyInfo> keys = new ArrayList<>();
    for (Object object : objects(pem, "private key")) {
      if (object instanceof PrivateKeyInfo info) {
        keys.add(info);
      } else if (object instanceof PEMKeyPair pair) {
        keys.add(pair.getPrivateKeyInfo());
      } else if (object instanceof PKCS8EncryptedPrivateKeyInfo
          || object instanceof PEMEncryptedKeyPair) {
        throw new PemException("private key is encrypted; give it unencrypted");
      } else if (!(object instanceof ASN1ObjectIdentifier)) {
        // An ASN1ObjectIdentifier is the EC PARAMETERS block `openssl ecparam -genkey` writes.
        throw new PemException("expected a private key, found " + describe(object));
      }
    }
    if (keys.size() != 1) {
      throw new PemException("expected one private key, found " + keys.size());
    }
    try {
      return new JcaPEMKeyConverter().getPrivateKey(keys.get(0));
    } catch (IOException e) {
      // The cause may describe the key's bytes; leave it out.
      throw new PemException("private key block holds no usable private key");
    }
  }

  /** Exactly one PKCS#10 certificate signing request. */
  public static PKCS10CertificationRequest decodeCertificateRequest(String pem) {
    List<Object> objects = objects(pem, "certificate request");
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest request)) {
      throw new PemException(
          "expected one CERTIFICATE REQUEST block, found "
              + (objects.isEmpty() ? "no PEM block" : describe(objects.get(0))));
    }
    return request;
  }

  private static List<Object> objects(String pem, String expected) {
    if (pem == null || pem.isBlank()) {
      throw new PemException("expected PEM text holding a " + expected + ", got nothing");
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      // Parser messages can echo what they choked on, which may be key material: name the kind
      // only.
      throw new PemException("malformed PEM text where a " + expected + " was expected");
    }
    return objects;
  }

  private static String describe(Object object) {
    if (object instanceof X509CertificateHolder) {
      return "a CERTIFICATE block";
    }
    if (object instanceof PKCS10CertificationRequest) {
      return "a CERTIFICATE REQUEST block";
    }
    if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair) {
      return "a private key block";
    }
    return "a block of another kind (" + object.getClass().getSimpleName() + ")";
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + BASE64.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
