package com.serviceradar.edge.pki;

import static com.serviceradar.edge.pki.TestPki.ACME;
import static com.serviceradar.edge.pki.TestPki.NOW;
import static com.serviceradar.edge.pki.TestPki.NYC_OFFICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificates as OpenSSL sees them, with its clock pinned by {@code -attime}. */
class OpensslInteropTest {

  private static final String AT_NOW = Long.toString(NOW.getEpochSecond());

  @TempDir Path dir;

  private final SecureRandom random = TestPki.seededRandom(42);
  private final PlatformRootCa root = PlatformRootCa.create(NOW, random);
  private final TenantCa acme = root.issueTenantCa(ACME, NOW, random);

  @Test
  void seedLeafCertificateVerifiesWithOpensslThroughTheTenantCaToTheRoot() throws IOException {
    IssuedCertificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random);
    write("root.pem", root.certificatePem());
    write("tenant-ca.pem", acme.certificatePem());
    write("leaf.pem", leaf.certificatePem());

    String verified =
        Openssl.succeed(
            dir,
            "verify",
            "-attime",
            AT_NOW,
            "-purpose",
            "sslclient",
            "-CAfile",
            "root.pem",
            "-untrusted",
            "tenant-ca.pem",
            "leaf.pem");

    assertThat(verified.strip()).isEqualTo("leaf.pem: OK");
  }

  @Test
  void seedLeafCertificateShowsItsNamesAndClientAuthInOpensslText() throws IOException {
    write("leaf.pem", acme.issueLeafCertificate(NYC_OFFICE, NOW, random).certificatePem());

    String text = Openssl.succeed(dir, "x509", "-in", "leaf.pem", "-noout", "-text");

    assertThat(text)
        .contains("Subject: CN = leaf.nyc-office.acme.serviceradar")
        .contains("Issuer: CN = tenant-acme.ca.serviceradar")
        .contains("DNS:leaf.nyc-office.acme.serviceradar")
        .contains("TLS Web Client Authentication")
        .doesNotContain("TLS Web Server Authentication")
        .contains("CA:FALSE")
        .contains("ASN1 OID: prime256v1");
  }

  @Test
  void leafForTheLongestSlugsVerifiesDespiteItsLongCommonName() throws IOException {
    String sixtyThree = "a".repeat(31) + "-" + "b".repeat(31);
    TenantCa longTenant = root.issueTenantCa(TenantSlug.of(sixtyThree), NOW, random);
    IssuedCertificate leaf = longTenant.issueLeafCertificate(SiteSlug.of(sixtyThree), NOW, random);
    write("root.pem", root.certificatePem());
    write("tenant-ca.pem", longTenant.certificatePem());
    write("leaf.pem", leaf.certificatePem());

    Openssl.succeed(
        dir,
        "verify",
        "-attime",
        AT_NOW,
        "-purpose",
        "sslclient",
        "-CAfile",
        "root.pem",
        "-untrusted",
        "tenant-ca.pem",
        "leaf.pem");
    assertThat(Openssl.succeed(dir, "x509", "-in", "leaf.pem", "-noout", "-subject").strip())
        .isEqualTo("subject=CN = leaf." + sixtyThree + "." + sixtyThree + ".serviceradar");
  }

  @Test
  void leafDoesNotVerifyAgainstAnotherPlatformRoot() throws IOException {
    PlatformRootCa otherRoot = PlatformRootCa.create(NOW, TestPki.seededRandom(7));
    write("other-root.pem", otherRoot.certificatePem());
    write("tenant-ca.pem", acme.certificatePem());
    write("leaf.pem", acme.issueLeafCertificate(NYC_OFFICE, NOW, random).certificatePem());

    Openssl.Result result =
        Openssl.run(
            dir,
            "verify",
            "-attime",
            AT_NOW,
            "-CAfile",
            "other-root.pem",
            "-untrusted",
            "tenant-ca.pem",
            "leaf.pem");

    assertThat(result.exitCode()).isNotZero();
  }

  @Test
  void localServerCertificateVerifiesAgainstCaChainForServerUse() throws IOException {
    IssuedCertificate server =
        acme.issueLocalServerCertificate(NYC_OFFICE, Optional.of("192.0.2.7"), NOW, random);
    write("ca-chain.pem", acme.caChainPem());
    write("nats-server.pem", server.certificatePem());

    Openssl.succeed(
        dir,
        "verify",
        "-attime",
        AT_NOW,
        "-purpose",
        "sslserver",
        "-CAfile",
        "ca-chain.pem",
        "nats-server.pem");
    String text = Openssl.succeed(dir, "x509", "-in", "nats-server.pem", "-noout", "-text");

    assertThat(text)
        .contains("TLS Web Server Authentication")
        .contains("DNS:localhost")
        .contains("IP Address:127.0.0.1")
        .contains("IP Address:192.0.2.7");
  }

  @Test
  void opensslReadsOurPrivateKeyAsTheCertificatesKey() throws IOException {
    IssuedCertificate leaf = acme.issueLeafCertificate(NYC_OFFICE, NOW, random);
    write("leaf.pem", leaf.certificatePem());
    write("leaf-key.pem", leaf.privateKeyPem());

    String fromKey = Openssl.succeed(dir, "pkey", "-in", "leaf-key.pem", "-pubout");
    String fromCertificate = Openssl.succeed(dir, "x509", "-in", "leaf.pem", "-noout", "-pubkey");

    assertThat(fromKey).isEqualTo(fromCertificate);
  }

  @Test
  void rootMadeWithOpensslImportsWithItsSec1Key() throws IOException {
    Openssl.succeed(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "op-key.pem");
    Openssl.succeed(
        dir,
        "req",
        "-x509",
        "-new",
        "-key",
        "op-key.pem",
        "-subj",
        "/CN=Operator Root",
        "-days",
        "3650",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-out",
        "op-root.pem");
    String keyPem = Files.readString(dir.resolve("op-key.pem"));
    assertThat(keyPem).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
    String certificatePem = Files.readString(dir.resolve("op-root.pem"));
    Instant validAt =
        Pem.decodeCertificate(certificatePem).getNotBefore().toInstant().plusSeconds(60);

    PlatformRootCa imported = PlatformRootCa.fromPem(certificatePem, keyPem, validAt);
    TenantCa tenantCa = imported.issueTenantCa(ACME, validAt, random);
    X509Certificate leaf = tenantCa.issueLeafCertificate(NYC_OFFICE, validAt, random).certificate();

    CertificateChains.verify(
        leaf, List.of(tenantCa.certificate()), imported.certificate(), validAt);
    write("leaf.pem", Pem.encodeCertificate(leaf));
    write("tenant-ca.pem", tenantCa.certificatePem());
    Openssl.succeed(
        dir,
        "verify",
        "-attime",
        Long.toString(validAt.getEpochSecond()),
        "-CAfile",
        "op-root.pem",
        "-untrusted",
        "tenant-ca.pem",
        "leaf.pem");
  }

  @Test
  void encryptedPrivateKeyIsRefusedClearly() throws IOException {
    write("key.pem", root.privateKeyPem());
    Openssl.succeed(
        dir,
        "pkcs8",
        "-topk8",
        "-in",
        "key.pem",
        "-v2",
        "aes-256-cbc",
        "-passout",
        "pass:hunter2",
        "-out",
        "encrypted.pem");

    String encrypted = Files.readString(dir.resolve("encrypted.pem"));

    assertThatThrownBy(() -> PlatformRootCa.fromPem(root.certificatePem(), encrypted, NOW))
        .isInstanceOf(PemException.class)
        .hasMessage("private key is encrypted; give it unencrypted");
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(dir.resolve(name), content);
  }
}
