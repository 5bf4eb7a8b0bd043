package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);
  private final TenantCa acme = root.issueTenantCa(ACME, NOW, random);

  @Test
  void certificatesEncodeAs64ColumnBlocksWithAFinalNewline() {
    String pem = root.certificatePem();

    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    assertThat(pem).doesNotContain("\r");
  }

  @Test
  void chainKeepsItsOrder() {
    String pem = Pem.encodeCertificates(List.of(acme.certificate(), root.certificate()));

    assertThat(Pem.decodeCertificates(pem)).containsExactly(acme.certificate(), root.certificate());
  }

  @Test
  void privateKeyRoundTripsAsPkcs8() {
    String pem = Pem.encodePrivateKey(acme.privateKey());

    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Pem.decodePrivateKey(pem).getEncoded()).isEqualTo(acme.privateKey().getEncoded());
  }

  @Test
  void textAroundTheBlocksIsIgnored() {
    String pem = "Subject: whatever openssl printed\n" + root.certificatePem() + "trailing words\n";

    assertThat(Pem.decodeCertificate(pem)).isEqualTo(root.certificate());
  }

  @Test
  void oneCertificateMeansExactlyOne() {
    assertThatThrownBy(() -> Pem.decodeCertificate(acme.caChainPem()))
        .isInstanceOf(PemException.class)
        .hasMessage("expected one CERTIFICATE block, found 2 certificates");
  }

  @Test
  void emptyTextIsRefused() {
    assertThatThrownBy(() -> Pem.decodeCertificate("  \n"))
        .isInstanceOf(PemException.class)
        .hasMessage("expected PEM text holding a certificate, got nothing");
    assertThatThrownBy(() -> Pem.decodeCertificates("no pem here"))
        .isInstanceOf(PemException.class)
        .hasMessage("expected a CERTIFICATE block, found no PEM block");
  }

  @Test
  void keyGivenWhereACertificateBelongsIsRefused() {
    assertThatThrownBy(() -> Pem.decodeCertificates(root.privateKeyPem()))
        .isInstanceOf(PemException.class)
        .hasMessage("expected only CERTIFICATE blocks, found a private key block");
  }

  @Test
  void corruptPrivateKeyIsRefusedWithoutEchoingIt() {
    String body = "c2VjcmV0LWtleS1tYXRlcmlhbC10aGF0LW11c3Qtbm90LWxlYWs=";
    String corrupt = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";

    assertThatThrownBy(() -> Pem.decodePrivateKey(corrupt))
        .isInstanceOf(PemException.class)
        .hasNoCause()
        .message()
        .doesNotContain(body)
        .doesNotContain("secret");
  }

  @Test
  void twoPrivateKeysAreRefused() {
    String two = root.privateKeyPem() + acme.privateKeyPem();

    assertThatThrownBy(() -> Pem.decodePrivateKey(two))
        .isInstanceOf(PemException.class)
        .hasMessage("expected one private key, found 2");
  }
}
