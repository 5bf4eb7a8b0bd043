package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.NYC_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.pki.InvalidCertificateAuthorityException.Reason;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.time.Period;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;

class ImportRootTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);

  @Test
  void rootImportsFromItsOwnPem() {
    PlatformRootCa imported =
        PlatformRootCa.fromPem(root.certificatePem(), root.privateKeyPem(), NOW);

    assertThat(imported.certificate()).isEqualTo(root.certificate());
    assertThat(imported.privateKey().getEncoded()).isEqualTo(root.privateKey().getEncoded());
  }

  @Test
  void rootImportsWithASec1PrivateKey() throws Exception {
    BigInteger scalar = ((ECPrivateKey) root.privateKey()).getS();
    byte[] sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(256, scalar, SECObjectIdentifiers.secp256r1)
            .getEncoded();
    String sec1Pem =
        "-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(sec1)
            + "\n-----END EC PRIVATE KEY-----\n";

    PlatformRootCa imported = PlatformRootCa.fromPem(root.certificatePem(), sec1Pem, NOW);

    assertThat(((ECPrivateKey) imported.privateKey()).getS()).isEqualTo(scalar);
  }

  @Test
  void importedRootIssuesTenantCasThatChainToIt() {
    PlatformRootCa imported =
        PlatformRootCa.fromPem(root.certificatePem(), root.privateKeyPem(), NOW);

    TenantCa acme = imported.issueTenantCa(ACME, NOW, random);
    IssuedCertificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random);

    CertificateChains.verify(
        leaf.certificate(), acme.caChain(), root.certificate(), NOW.plusSeconds(3600));
  }

  @Test
  void rootWhoseKeyDoesNotMatchItsCertificateIsRefused() {
    PlatformRootCa other = PlatformRootCa.create(NOW, TestPki.seededRandom(7));

    assertRefused(
        () -> PlatformRootCa.fromPem(root.certificatePem(), other.privateKeyPem(), NOW),
        Reason.KEY_DOES_NOT_MATCH,
        "platform root CA private key does not match certificate"
            + " CN=serviceradar-platform-root.ca.serviceradar: give the key the certificate was"
            + " issued for");
  }

  @Test
  void rootThatIsNotACaIsRefused() {
    IssuedCertificate hub =
        root.issueHubServerCertificate(java.util.List.of("hub.example"), NOW, random);

    assertRefused(
        () -> PlatformRootCa.fromPem(hub.certificatePem(), hub.privateKeyPem(), NOW),
        Reason.NOT_A_CA,
        "platform root CA certificate CN=hub.example is not a CA certificate");
  }

  @Test
  void rootThatIsNotSelfSignedIsRefused() {
    TenantCa acme = root.issueTenantCa(ACME, NOW, random);

    assertRefused(
        () -> PlatformRootCa.fromPem(acme.certificatePem(), acme.privateKeyPem(), NOW),
        Reason.NOT_SELF_SIGNED,
        "is not self-signed");
  }

  @Test
  void expiredRootIsRefused() {
    PlatformRootCa shortLived =
        PlatformRootCa.create(Validity.from(NOW, Period.ofYears(1)), random);

    assertRefused(
        () ->
            PlatformRootCa.fromPem(
                shortLived.certificatePem(),
                shortLived.privateKeyPem(),
                NOW.plus(Period.ofDays(400))),
        Reason.EXPIRED,
        "expired at 2027-03-01T12:00:00Z");
  }

  @Test
  void rootNotYetValidIsRefused() {
    assertRefused(
        () ->
            PlatformRootCa.fromPem(
                root.certificatePem(), root.privateKeyPem(), NOW.minus(Period.ofDays(1))),
        Reason.NOT_YET_VALID,
        "is not valid before");
  }

  @Test
  void certificateGivenAsTheKeyIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(
            () -> PlatformRootCa.fromPem(root.certificatePem(), root.certificatePem(), NOW))
        .isInstanceOf(PemException.class)
        .hasMessage("expected a private key, found a CERTIFICATE block");
  }

  private static void assertRefused(ThrowingCallable call, Reason reason, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidCertificateAuthorityException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> assertThat(((InvalidCertificateAuthorityException) e).reason()).isEqualTo(reason));
  }
}
