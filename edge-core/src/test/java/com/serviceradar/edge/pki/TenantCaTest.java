package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.CRL_SIGN;
import static com.serviceradar.edge.pki.TestPki.GLOBEX;
import static com.serviceradar.edge.pki.TestPki.KEY_CERT_SIGN;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.pki.InvalidCertificateAuthorityException.Reason;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class TenantCaTest {

  private final SecureRandom random = TestPki.seededRandom(42);

  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);

  @Test
  void tenantCaIsNamedForTheTenantAndSignedByThePlatformRoot() throws Exception {
    X509Certificate ca = root.issueTenantCa(ACME, NOW, random).certificate();

    assertThat(TestPki.subject(ca)).isEqualTo("CN=tenant-acme.ca.serviceradar");
    assertThat(TestPki.issuer(ca)).isEqualTo("CN=serviceradar-platform-root.ca.serviceradar");
    ca.verify(root.certificate().getPublicKey());
  }

  @Test
  void tenantCaMayOnlySignEndEntities() {
    X509Certificate ca = root.issueTenantCa(ACME, NOW, random).certificate();

    assertThat(ca.getBasicConstraints()).as("path length").isZero();
    assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
    assertThat(ca.getKeyUsage()[CRL_SIGN]).isTrue();
  }

  @Test
  void tenantCaIsValidForTenYearsByDefaultAndConfigurably() {
    X509Certificate byDefault = root.issueTenantCa(ACME, NOW, random).certificate();
    X509Certificate configured =
        root.issueTenantCa(ACME, Validity.from(NOW, Period.ofYears(3)), random).certificate();

    assertThat(byDefault.getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2036-03-01T12:00:00Z"));
    assertThat(configured.getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2029-03-01T12:00:00Z"));
  }

  @Test
  void tenantCaNeverOutlivesThePlatformRoot() {
    PlatformRootCa shortRoot = PlatformRootCa.create(Validity.from(NOW, Period.ofYears(2)), random);

    X509Certificate ca = shortRoot.issueTenantCa(ACME, NOW, random).certificate();

    assertThat(ca.getNotAfter()).isEqualTo(shortRoot.certificate().getNotAfter());
  }

  @Test
  void anExpiredPlatformRootIssuesNothing() {
    PlatformRootCa shortRoot = PlatformRootCa.create(Validity.from(NOW, Period.ofYears(1)), random);

    assertThatThrownBy(() -> shortRoot.issueTenantCa(ACME, NOW.plusSeconds(400 * 86_400L), random))
        .isInstanceOf(InvalidCertificateAuthorityException.class)
        .hasMessageContaining("expires at 2027-03-01T12:00:00Z")
        .extracting(e -> ((InvalidCertificateAuthorityException) e).reason())
        .isEqualTo(Reason.EXPIRED);
  }

  @Test
  void caChainIsTheTenantCaThenThePlatformRoot() {
    TenantCa acme = root.issueTenantCa(ACME, NOW, random);

    assertThat(acme.caChain()).containsExactly(acme.certificate(), root.certificate());
    assertThat(Pem.decodeCertificates(acme.caChainPem()))
        .containsExactly(acme.certificate(), root.certificate());
  }

  @Test
  void tenantCaReloadsFromItsPem() {
    TenantCa acme = root.issueTenantCa(ACME, NOW, random);

    TenantCa reloaded =
        TenantCa.fromPem(ACME, acme.certificatePem(), acme.privateKeyPem(), root.certificatePem());

    assertThat(reloaded.certificate()).isEqualTo(acme.certificate());
    assertThat(reloaded.privateKey().getEncoded()).isEqualTo(acme.privateKey().getEncoded());
  }

  @Test
  void tenantCaOfAnotherTenantIsRefused() {
    TenantCa acme = root.issueTenantCa(ACME, NOW, random);

    assertThatThrownBy(
            () -> new TenantCa(GLOBEX, acme.certificate(), acme.privateKey(), root.certificate()))
        .isInstanceOf(InvalidCertificateAuthorityException.class)
        .hasMessageContaining("is not the CA of tenant globex");
  }

  @Test
  void tenantCaUnderAnotherRootIsRefused() {
    TenantCa acme = root.issueTenantCa(ACME, NOW, random);
    PlatformRootCa otherRoot = PlatformRootCa.create(NOW, TestPki.seededRandom(99));

    assertThatThrownBy(
            () ->
                new TenantCa(ACME, acme.certificate(), acme.privateKey(), otherRoot.certificate()))
        .isInstanceOf(InvalidCertificateAuthorityException.class)
        .hasMessageContaining("was not issued by the platform root");
  }

  @Test
  void tenantCaWithAnotherTenantsKeyIsRefused() {
    TenantCa acme = root.issueTenantCa(ACME, NOW, random);
    TenantCa globex = root.issueTenantCa(GLOBEX, NOW, TestPki.seededRandom(3));

    assertThatThrownBy(
            () -> new TenantCa(ACME, acme.certificate(), globex.privateKey(), root.certificate()))
        .isInstanceOf(InvalidCertificateAuthorityException.class)
        .hasMessageContaining("private key does not match certificate CN=tenant-acme")
        .extracting(e -> ((InvalidCertificateAuthorityException) e).reason())
        .isEqualTo(Reason.KEY_DOES_NOT_MATCH);
  }

  @Test
  void toStringHidesThePrivateKey() {
    TenantCa acme = root.issueTenantCa(ACME, NOW, random);

    assertThat(acme.toString())
        .contains("acme")
        .contains("private key hidden")
        .doesNotContain(TestPki.privateScalarHex(acme.privateKey()));
  }
}
