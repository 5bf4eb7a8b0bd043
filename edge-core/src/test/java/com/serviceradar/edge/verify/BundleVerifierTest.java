package com.serviceradar.edge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.testing.TestSite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundleVerifierTest {

  private static final TestSite SITE = new TestSite();
  private static final LeafConfig CONFIG = SITE.config(17422, 14222, 18222);

  private static Check named(List<Check> checks, String name) {
    return checks.stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aFreshBundlePassesEveryCheckIncludingNatsServerT() {
    List<Check> checks =
        BundleVerifier.verify(
            SITE.bundle(CONFIG).toTarGz(), Instant.now(), NatsServerBinary.find());

    assertThat(checks)
        .as(checks.toString())
        .allSatisfy(check -> assertThat(check.status()).isEqualTo(CheckStatus.PASS));
    assertThat(checks).extracting(Check::name).contains(BundleVerifier.CONFIG_TEST);
  }

  @Test
  void oneChangedByteFailsTheManifestCheckNamingTheFile() {
    byte[] tampered = SITE.bundle(CONFIG).toTarGz();
    Bundle bundle = SITE.bundle(CONFIG);
    tampered = TarTamper.changeOneByte(bundle, "nats/certs/ca-chain.pem");

    List<Check> checks = BundleVerifier.verify(tampered, Instant.now(), Optional.empty());

    Check manifest = named(checks, BundleVerifier.MANIFEST);
    assertThat(manifest.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(manifest.detail()).contains("nats/certs/ca-chain.pem");
  }

  @Test
  void anExpiredLeafCertificateFailsOnlyTheExpiryCheck() {
    Instant past = Instant.now().minus(Duration.ofDays(400));
    Bundle bundle =
        SITE.bundleWithLeafValidity(CONFIG, new Validity(past, past.plus(Duration.ofDays(30))));

    List<Check> checks = BundleVerifier.verify(bundle.toTarGz(), Instant.now(), Optional.empty());

    assertThat(named(checks, LeafChecks.EXPIRY).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(named(checks, LeafChecks.EXPIRY).detail()).contains("nats-leaf.pem expired on");
    assertThat(named(checks, LeafChecks.CHAIN).status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void notATarGzIsALayoutFailure() {
    List<Check> checks =
        BundleVerifier.verify("not a bundle".getBytes(), Instant.now(), Optional.empty());

    assertThat(checks)
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.name()).isEqualTo(BundleVerifier.LAYOUT);
              assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
            });
  }

  @Test
  void unfilledTextIsFoundButJwtsAndPemAreNot() {
    assertThat(UnfilledText.find("-----BEGIN NATS USER JWT-----\n<your JWT>\n"))
        .contains("<your JWT>");
    assertThat(
            UnfilledText.find(SITE.bundle(CONFIG).file("nats/nats-leaf.conf").orElseThrow().text()))
        .isEmpty();
  }
}
