package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.NYC_OFFICE;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateChainsTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);
  private final TenantCa acme = root.issueTenantCa(ACME, NOW, random);
  private final X509Certificate leaf =
      acme.issueLeafCertificate(NYC_OFFICE, NOW, random).certificate();

  @Test
  void caChainAsWrittenToCaChainPemIsAccepted() {
    assertThatCode(() -> CertificateChains.verify(leaf, acme.caChain(), root.certificate(), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void expiredCertificateIsRefusedAtThatTime() {
    assertThatThrownBy(
            () ->
                CertificateChains.verify(
                    leaf,
                    List.of(acme.certificate()),
                    root.certificate(),
                    NOW.plus(Duration.ofDays(800))))
        .isInstanceOf(ChainVerificationException.class)
        .hasMessageStartingWith("CN=leaf.nyc-office.acme.serviceradar does not chain to")
        .hasMessageContaining("EXPIRED");
  }

  @Test
  void missingTenantCaIsRefused() {
    assertThatThrownBy(() -> CertificateChains.verify(leaf, List.of(), root.certificate(), NOW))
        .isInstanceOf(ChainVerificationException.class)
        .hasMessageContaining("CN=serviceradar-platform-root.ca.serviceradar");
  }

  @Test
  void tenantCaCannotBeTheTrustAnchorForAnotherTenantsLeaf() {
    TenantCa globex = root.issueTenantCa(TestPki.GLOBEX, NOW, random);

    assertThatThrownBy(() -> CertificateChains.verify(leaf, List.of(), globex.certificate(), NOW))
        .isInstanceOf(ChainVerificationException.class);
  }
}
