package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.CRL_SIGN;
import static com.serviceradar.edge.pki.TestPki.DIGITAL_SIGNATURE;
import static com.serviceradar.edge.pki.TestPki.KEY_CERT_SIGN;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.seededRandom;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformRootCaTest {

  private final SecureRandom random = TestPki.seededRandom(42);

  @Test
  void platformRootIsASelfSignedCaNamedForThePlatform() throws Exception {
    X509Certificate root = PlatformRootCa.create(NOW, random).certificate();

    assertThat(TestPki.subject(root)).isEqualTo("CN=serviceradar-platform-root.ca.serviceradar");
    assertThat(TestPki.issuer(root)).isEqualTo(TestPki.subject(root));
    root.verify(root.getPublicKey());
    assertThat(root.getBasicConstraints()).isEqualTo(1);
    assertThat(root.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
    assertThat(root.getKeyUsage()[CRL_SIGN]).isTrue();
    assertThat(root.getKeyUsage()[DIGITAL_SIGNATURE]).isFalse();
    assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
  }

  @Test
  void platformRootIsValidForTwentyYearsByDefault() {
    X509Certificate root = PlatformRootCa.create(NOW, random).certificate();

    assertThat(root.getNotBefore().toInstant()).isEqualTo(NOW.minus(Validity.CLOCK_SKEW_ALLOWANCE));
    assertThat(root.getNotAfter().toInstant()).isEqualTo(Instant.parse("2046-03-01T12:00:00Z"));
  }

  @Test
  void platformRootValidityIsConfigurable() {
    X509Certificate root =
        PlatformRootCa.create(Validity.from(NOW, Period.ofYears(5)), random).certificate();

    assertThat(root.getNotAfter().toInstant()).isEqualTo(Instant.parse("2031-03-01T12:00:00Z"));
  }

  @Test
  void platformRootCarriesKeyIdentifiers() {
    X509Certificate root = PlatformRootCa.create(NOW, random).certificate();

    assertThat(root.getExtensionValue("2.5.29.14")).as("subject key identifier").isNotNull();
    assertThat(root.getExtensionValue("2.5.29.35")).as("authority key identifier").isNotNull();
  }

  @Test
  void sameTimeAndRandomnessGiveTheSameCertificate() throws Exception {
    byte[] first = PlatformRootCa.create(NOW, seededRandom(7)).certificate().getEncoded();
    byte[] second = PlatformRootCa.create(NOW, seededRandom(7)).certificate().getEncoded();

    assertThat(first).isEqualTo(second);
  }

  @Test
  void serialNumbersArePositiveRandomAndNotTheClock() {
    Set<BigInteger> serials = new HashSet<>();
    for (long seed = 1; seed <= 5; seed++) {
      BigInteger serial =
          PlatformRootCa.create(NOW, seededRandom(seed)).certificate().getSerialNumber();
      assertThat(serial.signum()).isPositive();
      assertThat(serial.bitLength()).isGreaterThan(64);
      serials.add(serial);
    }
    assertThat(serials).hasSize(5);
  }

  @Test
  void toStringHidesThePrivateKey() {
    PlatformRootCa root = PlatformRootCa.create(NOW, random);

    assertThat(root.toString())
        .contains("serviceradar-platform-root")
        .contains("private key hidden")
        .doesNotContain(TestPki.privateScalarHex(root.privateKey()))
        .doesNotContain(root.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
  }
}
