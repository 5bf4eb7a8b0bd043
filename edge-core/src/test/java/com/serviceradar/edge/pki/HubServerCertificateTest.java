package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.CLIENT_AUTH;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.SERVER_AUTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubServerCertificateTest {

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);

  @Test
  void hubCertificateIsNamedForItsFirstHostAndCoversEveryHost() {
    X509Certificate hub =
        root.issueHubServerCertificate(
                List.of("nats.serviceradar.cloud", "hub-1.internal", "203.0.113.10", "::1"),
                NOW,
                random)
            .certificate();

    assertThat(TestPki.subject(hub)).isEqualTo("CN=nats.serviceradar.cloud");
    assertThat(TestPki.subjectAltNames(hub))
        .containsExactly(
            "DNS:nats.serviceradar.cloud",
            "DNS:hub-1.internal",
            "IP:203.0.113.10",
            "IP:0:0:0:0:0:0:0:1");
  }

  @Test
  void hubCertificateIsSignedByThePlatformRootForServerAndClientAuthentication() {
    X509Certificate hub =
        root.issueHubServerCertificate(List.of("nats.serviceradar.cloud"), NOW, random)
            .certificate();

    assertThat(TestPki.issuer(hub)).isEqualTo("CN=serviceradar-platform-root.ca.serviceradar");
    assertThat(TestPki.extendedKeyUsages(hub)).containsExactly(SERVER_AUTH, CLIENT_AUTH);
    assertThat(hub.getBasicConstraints()).isEqualTo(-1);
    CertificateChains.verify(hub, List.of(), root.certificate(), NOW);
  }

  @Test
  void hubCertificateIsValidForOneYearByDefaultAndConfigurably() {
    IssuedCertificate byDefault =
        root.issueHubServerCertificate(List.of("nats.serviceradar.cloud"), NOW, random);
    IssuedCertificate configured =
        root.issueHubServerCertificate(
            List.of("nats.serviceradar.cloud"), Validity.from(NOW, Period.ofMonths(6)), random);

    assertThat(byDefault.notAfter()).isEqualTo(Instant.parse("2027-03-01T12:00:00Z"));
    assertThat(configured.notAfter()).isEqualTo(Instant.parse("2026-09-01T12:00:00Z"));
  }

  @Test
  void hubCertificateNamedByAnIpUsesItAsCommonName() {
    X509Certificate hub =
        root.issueHubServerCertificate(List.of("127.0.0.1"), NOW, random).certificate();

    assertThat(TestPki.subject(hub)).isEqualTo("CN=127.0.0.1");
    assertThat(TestPki.subjectAltNames(hub)).containsExactly("IP:127.0.0.1");
  }

  @Test
  void hubCertificateNeedsAtLeastOneValidHost() {
    assertThatThrownBy(() -> root.issueHubServerCertificate(List.of(), NOW, random))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one host");
    assertThatThrownBy(
            () ->
                root.issueHubServerCertificate(List.of("ok.example", "-bad-.example"), NOW, random))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hub host must be a DNS name or an IP address literal");
  }
}
