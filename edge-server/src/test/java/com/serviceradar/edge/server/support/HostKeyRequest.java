package com.serviceradar.edge.server.support;

import com.serviceradar.edge.pki.Pem;
import io.nats.client.NKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * What an edge host that keeps its keys sends (to enroll or to renew): a CSR for a new P-256 key
 * and a new NATS user's public key. The private parts are thrown away, as a test needs none.
 */
public record HostKeyRequest(String csr, String natsPublicKey) {

  public static HostKeyRequest fresh() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair key = generator.generateKeyPair();
      String csr =
          Pem.encodeCertificateRequest(
              new JcaPKCS10CertificationRequestBuilder(
                      new X500Name("CN=edge-host"), key.getPublic())
                  .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
      String nkey = new String(NKey.createUser(new SecureRandom()).getPublicKey());
      return new HostKeyRequest(csr, nkey);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make host keys", e);
    }
  }
}
