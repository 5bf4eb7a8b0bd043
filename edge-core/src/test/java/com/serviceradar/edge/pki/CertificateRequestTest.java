package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.CLIENT_AUTH;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.NYC_OFFICE;
import static com.serviceradar.edge.pki.TestPki.SERVER_AUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** Enrollment: the edge host keeps its private key and sends a PKCS#10 request. */
class CertificateRequestTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);
  private final TenantCa acme = root.issueTenantCa(ACME, NOW, random);

  @Test
  void leafCertificateFromARequestUsesTheContractNameNotTheRequestedOne() throws Exception {
    KeyPair edgeKeys = ecKeys("secp256r1");
    PKCS10CertificationRequest request = request("CN=admin.evil.example", edgeKeys);

    SignedCertificate signed = acme.issueLeafCertificate(NYC_OFFICE, request, NOW, random);

    X509Certificate leaf = signed.certificate();
    assertThat(TestPki.subject(leaf)).isEqualTo("CN=leaf.nyc-office.acme.serviceradar");
    assertThat(TestPki.subjectAltNames(leaf))
        .containsExactly("DNS:leaf.nyc-office.acme.serviceradar");
    assertThat(TestPki.extendedKeyUsages(leaf)).containsExactly(CLIENT_AUTH);
    assertThat(leaf.getPublicKey()).isEqualTo(edgeKeys.getPublic());
    assertThat(signed.notAfter()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
    CertificateChains.verify(leaf, List.of(acme.certificate()), root.certificate(), NOW);
  }

  @Test
  void localServerCertificateFromARequestCarriesTheLocalNames() {
    KeyPair edgeKeys = ecKeys("secp256r1");

    X509Certificate server =
        acme.issueLocalServerCertificate(
                NYC_OFFICE, Optional.of("10.1.2.3"), request("CN=x", edgeKeys), NOW, random)
            .certificate();

    assertThat(TestPki.subject(server)).isEqualTo("CN=nats.nyc-office.acme.serviceradar");
    assertThat(TestPki.subjectAltNames(server)).contains("DNS:localhost", "IP:10.1.2.3");
    assertThat(TestPki.extendedKeyUsages(server)).containsExactly(SERVER_AUTH);
    assertThat(server.getPublicKey()).isEqualTo(edgeKeys.getPublic());
  }

  @Test
  void requestSignedWithAnotherKeyIsRefused() {
    KeyPair claimed = ecKeys("secp256r1");
    KeyPair signer = ecKeys("secp256r1");
    PKCS10CertificationRequest forged = request("CN=x", claimed.getPublic(), signer.getPrivate());

    assertThatThrownBy(() -> acme.issueLeafCertificate(NYC_OFFICE, forged, NOW, random))
        .isInstanceOf(CertificateRequestRejectedException.class)
        .hasMessage("certificate request signature does not verify with its own key");
  }

  @Test
  void requestForAKeyOnAnotherCurveIsRefused() {
    PKCS10CertificationRequest p384 = request("CN=x", ecKeys("secp384r1"));

    assertThatThrownBy(() -> acme.issueLeafCertificate(NYC_OFFICE, p384, NOW, random))
        .isInstanceOf(CertificateRequestRejectedException.class)
        .hasMessageContaining("must be ECDSA P-256; got an EC key on another curve");
  }

  @Test
  void requestForAnRsaKeyIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(512, random);
    KeyPair rsa = generator.generateKeyPair();
    PKCS10CertificationRequest request =
        new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=x"), rsa.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(rsa.getPrivate()));

    assertThatThrownBy(() -> acme.issueLeafCertificate(NYC_OFFICE, request, NOW, random))
        .isInstanceOf(CertificateRequestRejectedException.class)
        .hasMessage("certificate request key must be ECDSA P-256; got an RSA key");
  }

  @Test
  void requestSurvivesAPemRoundTrip() throws Exception {
    PKCS10CertificationRequest request = request("CN=x", ecKeys("secp256r1"));

    String pem = Pem.encodeCertificateRequest(request);

    assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n");
    assertThat(Pem.decodeCertificateRequest(pem).getEncoded()).isEqualTo(request.getEncoded());
  }

  private KeyPair ecKeys(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve), random);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PKCS10CertificationRequest request(String subject, KeyPair keys) {
    return request(subject, keys.getPublic(), keys.getPrivate());
  }

  private static PKCS10CertificationRequest request(
      String subject, PublicKey publicKey, PrivateKey signingKey) {
    try {
      return new JcaPKCS10CertificationRequestBuilder(new X500Principal(subject), publicKey)
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
