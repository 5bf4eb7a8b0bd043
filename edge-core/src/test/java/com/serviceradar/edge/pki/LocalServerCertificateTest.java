package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.NYC_OFFICE;
import static com.serviceradar.edge.pki.TestPki.SERVER_AUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalServerCertificateTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);
  private final TenantCa acme = root.issueTenantCa(ACME, NOW, random);

  private X509Certificate issueFor(Optional<String> host) {
    return acme.issueLocalServerCertificate(NYC_OFFICE, host, NOW, random).certificate();
  }

  @Test
  void localServerCertificateNamesTheSiteThenTheTenant() {
    X509Certificate server = issueFor(Optional.empty());

    assertThat(TestPki.subject(server)).isEqualTo("CN=nats.nyc-office.acme.serviceradar");
    assertThat(TestPki.issuer(server)).isEqualTo("CN=tenant-acme.ca.serviceradar");
    CertificateChains.verify(server, List.of(acme.certificate()), root.certificate(), NOW);
  }

  @Test
  void localServerCertificateCoversLocalhostAndTheLoopbackAddress() {
    X509Certificate server = issueFor(Optional.empty());

    assertThat(TestPki.subjectAltNames(server))
        .containsExactly("DNS:nats.nyc-office.acme.serviceradar", "DNS:localhost", "IP:127.0.0.1");
  }

  @Test
  void leafUrlHostNameBecomesADnsName() {
    X509Certificate server = issueFor(Optional.of("Edge-1.NYC.example.com"));

    assertThat(TestPki.subjectAltNames(server)).contains("DNS:edge-1.nyc.example.com");
  }

  @Test
  void leafUrlIpv4HostBecomesAnIpAddress() {
    X509Certificate server = issueFor(Optional.of("10.20.0.5"));

    assertThat(TestPki.subjectAltNames(server))
        .contains("IP:10.20.0.5")
        .doesNotContain("DNS:10.20.0.5");
  }

  @Test
  void leafUrlIpv6HostBecomesAnIpAddressWithOrWithoutBrackets() {
    X509Certificate bracketed = issueFor(Optional.of("[2001:db8::7]"));
    X509Certificate bare = issueFor(Optional.of("2001:db8::7"));

    assertThat(TestPki.subjectAltNames(bracketed)).contains("IP:2001:db8:0:0:0:0:0:7");
    assertThat(TestPki.subjectAltNames(bare)).contains("IP:2001:db8:0:0:0:0:0:7");
  }

  @Test
  void leafUrlHostAlreadyCoveredIsNotRepeated() {
    assertThat(TestPki.subjectAltNames(issueFor(Optional.of("localhost")))).hasSize(3);
    assertThat(TestPki.subjectAltNames(issueFor(Optional.of("127.0.0.1")))).hasSize(3);
  }

  @Test
  void leafUrlHostThatIsNeitherNameNorAddressIsRefused() {
    assertThatThrownBy(() -> issueFor(Optional.of("bad host!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nats_leaf_url host must be a DNS name or an IP address literal");
  }

  @Test
  void localServerCertificateIsForServerAuthenticationForOneYear() {
    X509Certificate server = issueFor(Optional.empty());

    assertThat(TestPki.extendedKeyUsages(server)).containsExactly(SERVER_AUTH);
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getNotAfter().toInstant()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
  }
}
