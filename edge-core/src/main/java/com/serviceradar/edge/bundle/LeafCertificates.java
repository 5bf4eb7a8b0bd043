package com.serviceradar.edge.bundle;

import com.serviceradar.edge.pki.CertificateChains;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.pki.TenantCa;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * An edge site's TLS material as PEM text, as the control plane stores it: the local server
 * certificate (for collectors) and the leaf upstream certificate (for the hub), one certificate
 * each, their unencrypted keys, and {@code ca-chain.pem} (tenant CA, then platform root).
 *
 * <p>The constructor checks that everything decodes, that both certificates were signed by the
 * first CA of the chain, and that each key belongs to its certificate. The bundle's certificate
 * files carry the tenant CA after the site's certificate ({@link #serverCertificateFile()}, {@link
 * #leafCertificateFile()}): the hub trusts only the platform root, and nats-server's TLS client
 * sends its certificate only when it chains to a CA the hub names, so without the tenant CA the hub
 * logs the misleading {@code client didn't provide a certificate} (checked on nats-server 2.9.10).
 */
public record LeafCertificates(
    String localServerCertificatePem,
    String localServerKeyPem,
    String leafCertificatePem,
    String leafKeyPem,
    String caChainPem) {

  public LeafCertificates {
    List<X509Certificate> chain = Pem.decodeCertificates(caChainPem);
    X509Certificate tenantCa = chain.get(0);
    requireIssuedWithKey("local server", localServerCertificatePem, localServerKeyPem, tenantCa);
    requireIssuedWithKey("leaf", leafCertificatePem, leafKeyPem, tenantCa);
  }

  /** From freshly issued certificates and the tenant's CA. */
  public static LeafCertificates of(
      IssuedCertificate localServer, IssuedCertificate leaf, TenantCa tenantCa) {
    return new LeafCertificates(
        localServer.certificatePem(),
        localServer.privateKeyPem(),
        leaf.certificatePem(),
        leaf.privateKeyPem(),
        tenantCa.caChainPem());
  }

  /** {@code nats-server.pem}: the local server certificate, then the tenant CA. */
  public String serverCertificateFile() {
    return withNewline(localServerCertificatePem) + tenantCaPem();
  }

  /** {@code nats-leaf.pem}: the leaf upstream certificate, then the tenant CA. */
  public String leafCertificateFile() {
    return withNewline(leafCertificatePem) + tenantCaPem();
  }

  /** When the leaf upstream certificate expires. */
  public Instant leafNotAfter() {
    return Pem.decodeCertificate(leafCertificatePem).getNotAfter().toInstant();
  }

  /** When the local server certificate expires. */
  public Instant localServerNotAfter() {
    return Pem.decodeCertificate(localServerCertificatePem).getNotAfter().toInstant();
  }

  private String tenantCaPem() {
    return Pem.encodeCertificate(Pem.decodeCertificates(caChainPem).get(0));
  }

  static String withNewline(String text) {
    return text.endsWith("\n") ? text : text + "\n";
  }

  private static void requireIssuedWithKey(
      String what, String certificatePem, String keyPem, X509Certificate issuer) {
    X509Certificate certificate = Pem.decodeCertificate(certificatePem);
    PrivateKey key = Pem.decodePrivateKey(keyPem);
    try {
      certificate.verify(issuer.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          what + " certificate was not signed by the first CA of ca-chain.pem");
    }
    if (!CertificateChains.keyMatches(certificate, key)) {
      throw new IllegalArgumentException(
          what + " key does not belong to the " + what + " certificate");
    }
  }

  @Override
  public String toString() {
    return "LeafCertificates[keys hidden]";
  }
}
