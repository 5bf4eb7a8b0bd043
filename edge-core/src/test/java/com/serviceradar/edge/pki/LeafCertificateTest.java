package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.CLIENT_AUTH;
import static com.serviceradar.edge.pki.TestPki.DIGITAL_SIGNATURE;
import static com.serviceradar.edge.pki.TestPki.GLOBEX;
import static com.serviceradar.edge.pki.TestPki.KEY_CERT_SIGN;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.NYC_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.digest.Digests;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed scenario "Generate Leaf Certificates": site nyc-office of tenant acme. */
class LeafCertificateTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);
  private final TenantCa acme = root.issueTenantCa(ACME, NOW, random);

  @Test
  void leafCertificateNamesTheSiteThenTheTenant() {
    X509Certificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random).certificate();

    assertThat(TestPki.subject(leaf)).isEqualTo("CN=leaf.nyc-office.acme.serviceradar");
    assertThat(TestPki.subjectAltNames(leaf))
        .containsExactly("DNS:leaf.nyc-office.acme.serviceradar");
  }

  @Test
  void leafCertificateIsIssuedByTheTenantCaAndChainsToThePlatformRoot() throws Exception {
    X509Certificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random).certificate();

    assertThat(TestPki.issuer(leaf)).isEqualTo("CN=tenant-acme.ca.serviceradar");
    leaf.verify(acme.certificate().getPublicKey());
    CertificateChains.verify(leaf, List.of(acme.certificate()), root.certificate(), NOW);
  }

  @Test
  void leafCertificateIsForClientAuthenticationOnly() {
    X509Certificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random).certificate();

    assertThat(TestPki.extendedKeyUsages(leaf)).containsExactly(CLIENT_AUTH);
    assertThat(leaf.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
    assertThat(leaf.getKeyUsage()[KEY_CERT_SIGN]).isFalse();
    assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
  }

  @Test
  void leafCertificateIsValidForOneYearByDefaultAndConfigurably() {
    IssuedCertificate byDefault = acme.issueLeafCertificate(NYC_OFFICE, NOW, random);
    IssuedCertificate configured =
        acme.issueLeafCertificate(NYC_OFFICE, Validity.from(NOW, Period.ofDays(90)), random);

    assertThat(byDefault.notAfter()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
    assertThat(byDefault.certificate().getNotBefore().toInstant())
        .isEqualTo(Instant.parse("2026-03-01T11:55:00Z"));
    assertThat(configured.notAfter()).isEqualTo(Instant.parse("2026-05-30T12:00:00Z"));
  }

  @Test
  void leafCertificateOfAnotherTenantDoesNotChainThroughThisTenantCa() {
    TenantCa globex = root.issueTenantCa(GLOBEX, NOW, random);
    X509Certificate globexLeaf = globex.issueLeafCertificate(NYC_OFFICE, NOW, random).certificate();

    assertThat(TestPki.subject(globexLeaf)).isEqualTo("CN=leaf.nyc-office.globex.serviceradar");
    assertThatThrownBy(
            () ->
                CertificateChains.verify(
                    globexLeaf, List.of(acme.certificate()), root.certificate(), NOW))
        .isInstanceOf(ChainVerificationException.class)
        .hasMessageContaining("CN=leaf.nyc-office.globex.serviceradar");
  }

  @Test
  void longestSlugsStillGiveACertificateThatChains() {
    String sixtyThree = "a".repeat(31) + "-" + "b".repeat(31);
    TenantCa longTenant = root.issueTenantCa(TenantSlug.of(sixtyThree), NOW, random);

    X509Certificate leaf =
        longTenant.issueLeafCertificate(SiteSlug.of(sixtyThree), NOW, random).certificate();

    assertThat(TestPki.subject(leaf))
        .isEqualTo("CN=leaf." + sixtyThree + "." + sixtyThree + ".serviceradar");
    CertificateChains.verify(leaf, List.of(longTenant.certificate()), root.certificate(), NOW);
  }

  @Test
  void issuedCertificateGivesPemAndTheNatsFingerprint() throws Exception {
    IssuedCertificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random);

    assertThat(leaf.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(leaf.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Pem.decodeCertificate(leaf.certificatePem())).isEqualTo(leaf.certificate());
    String expected = Digests.sha256Hex(leaf.certificate().getEncoded());
    assertThat(leaf.sha256Fingerprint()).isEqualTo(expected).matches("[0-9a-f]{64}");
  }

  @Test
  void issuedCertificateToStringHidesThePrivateKey() {
    IssuedCertificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random);

    assertThat(leaf.toString())
        .contains("leaf.nyc-office.acme.serviceradar")
        .contains("private key hidden")
        .doesNotContain(TestPki.privateScalarHex(leaf.privateKey()))
        .doesNotContain(leaf.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
  }
}
