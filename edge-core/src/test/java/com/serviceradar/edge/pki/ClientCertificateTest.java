package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.CLIENT_AUTH;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientCertificateTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);
  private final TenantCa acme = root.issueTenantCa(ACME, NOW, random);

  @Test
  void clientCertificateCarriesTheGivenNameForClientAuthentication() {
    X509Certificate client =
        acme.issueClientCertificate("collector.snmp.acme", NOW, random).certificate();

    assertThat(TestPki.subject(client)).isEqualTo("CN=collector.snmp.acme");
    assertThat(TestPki.extendedKeyUsages(client)).containsExactly(CLIENT_AUTH);
    assertThat(client.getBasicConstraints()).isEqualTo(-1);
    CertificateChains.verify(client, List.of(acme.certificate()), root.certificate(), NOW);
  }

  @Test
  void clientCommonNameMustBePlain() {
    assertThatThrownBy(() -> acme.issueClientCertificate("CN=x,O=evil", NOW, random))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client common name");
    assertThatThrownBy(() -> acme.issueClientCertificate("", NOW, random))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
