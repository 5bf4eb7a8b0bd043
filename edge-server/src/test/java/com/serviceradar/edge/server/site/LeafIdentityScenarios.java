package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.digest.Digests;
import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.natsauth.AccountClaims;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.pki.CertificateChains;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each site is provisioned with its own certificates and leaf user; run on H2 and PostgreSQL. */
abstract class LeafIdentityScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;

  private record StoredLeaf(
      String leafCertificate,
      String leafKey,
      String serverCertificate,
      String serverKey,
      String userKey,
      String userSeed) {}

  private StoredLeaf storedLeaf(String siteId) {
    return jdbc.sql(
            """
            SELECT leaf_certificate_pem, leaf_private_key_sealed, server_certificate_pem,
                   server_private_key_sealed, leaf_user_public_key, leaf_user_seed_sealed
              FROM nats_leaf_servers WHERE edge_site_id = :id
            """)
        .param("id", UUID.fromString(siteId))
        .query(
            (rs, row) ->
                new StoredLeaf(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)))
        .single();
  }

  private String rootCertificatePem() {
    return jdbc.sql("SELECT certificate_pem FROM platform_root_ca").query(String.class).single();
  }

  private String tenantCaPem(String tenantId) {
    return jdbc.sql("SELECT certificate_pem FROM tenant_cas WHERE tenant_id = :id")
        .param("id", UUID.fromString(tenantId))
        .query(String.class)
        .single();
  }

  private String accountJwt(String tenantId) {
    return jdbc.sql("SELECT jwt FROM nats_accounts WHERE tenant_id = :id")
        .param("id", UUID.fromString(tenantId))
        .query(String.class)
        .single();
  }

  private String operatorJwt() {
    return jdbc.sql("SELECT operator_jwt FROM nats_operator").query(String.class).single();
  }

  private TenantHandle acme() {
    // The seed scenario names the tenant exactly; other tests use suffixed slugs, so this one is
    // unique.
    Reply tenant = operator.post("/api/v1/tenants", Map.of("slug", "acme", "name", "Acme"));
    if (tenant.status() == 409) {
      return newTenant("acme");
    }
    String id = tenant.text("id");
    String token =
        operator
            .post(
                "/api/v1/tenants/" + id + "/api-tokens",
                Map.of("name", "admin", "role", "tenant_admin"))
            .text("token");
    return new TenantHandle(id, "acme", operator.as(token));
  }

  @Test
  void generateLeafCertificates(@TempDir Path dir) throws Exception {
    TenantHandle acme = acme();

    Reply created =
        acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office", "slug", "nyc-office"));

    assertThat(created.json().get("leafServer").get("status").asString()).isEqualTo("provisioned");
    StoredLeaf stored = storedLeaf(created.text("id"));
    X509Certificate leaf = Pem.decodeCertificate(stored.leafCertificate());
    X509Certificate tenantCa = Pem.decodeCertificate(tenantCaPem(acme.id()));
    X509Certificate root = Pem.decodeCertificate(rootCertificatePem());
    assertThat(leaf.getSubjectX500Principal().getName())
        .isEqualTo("CN=leaf.nyc-office." + acme.slug() + ".serviceradar");
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(tenantCa.getSubjectX500Principal());
    assertThat(tenantCa.getSubjectX500Principal().getName())
        .isEqualTo("CN=tenant-" + acme.slug() + ".ca.serviceradar");
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    CertificateChains.verify(leaf, List.of(tenantCa), root, Instant.now());
    // The private keys and the user seed are stored sealed, not as PEM or seed text.
    assertThat(List.of(stored.leafKey(), stored.serverKey(), stored.userSeed()))
        .allSatisfy(
            column ->
                assertThat(column)
                    .startsWith("v1.")
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain("-----"));

    Files.writeString(dir.resolve("root.pem"), rootCertificatePem());
    Files.writeString(dir.resolve("tenant.pem"), tenantCaPem(acme.id()));
    Files.writeString(dir.resolve("leaf.pem"), stored.leafCertificate());
    Process openssl =
        new ProcessBuilder(
                "openssl", "verify", "-CAfile", "root.pem", "-untrusted", "tenant.pem", "leaf.pem")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor()).as(output).isZero();
    assertThat(output).contains("leaf.pem: OK");
  }

  @Test
  void tenantHasItsOwnNatsAccountSignedByTheOperator() {
    TenantHandle acme = newTenant("acme");

    String publicKey = operator.get("/api/v1/tenants/" + acme.id()).text("natsAccountPublicKey");

    assertThat(publicKey).startsWith("A").hasSize(56);
    AccountClaims claims = NatsIdentities.verifyAccountJwt(accountJwt(acme.id()), operatorJwt());
    assertThat(claims.publicKey()).isEqualTo(publicKey);
  }

  @Test
  void localListenIsSettableAtCreation() {
    TenantHandle acme = newTenant("acme");

    Reply created =
        acme.api()
            .post(
                "/api/v1/edge-sites",
                Map.of("name", "NYC Office", "localListen", "127.0.0.1:14222"));
    Reply invalid =
        acme.api()
            .post("/api/v1/edge-sites", Map.of("name", "Chicago", "localListen", "everywhere"));

    assertThat(created.json().get("leafServer").get("localListen").asString())
        .isEqualTo("127.0.0.1:14222");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(acme.api().get("/api/v1/edge-sites").json().size()).isEqualTo(1);
  }

  @Test
  void regenerateIssuesANewIdentityAndRevokesTheOldLeafUser() {
    TenantHandle acme = newTenant("acme");
    Reply created = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office"));
    String id = created.text("id");
    StoredLeaf before = storedLeaf(id);

    Reply regenerated = acme.api().post("/api/v1/edge-sites/" + id + "/regenerate", null);

    assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
    StoredLeaf after = storedLeaf(id);
    assertThat(after.userKey()).isNotEqualTo(before.userKey());
    assertThat(after.leafCertificate()).isNotEqualTo(before.leafCertificate());
    assertThat(regenerated.json().get("leafServer").get("configChecksum").asString())
        .isNotEqualTo(created.json().get("leafServer").get("configChecksum").asString());
    AccountClaims account = NatsIdentities.verifyAccountJwt(accountJwt(acme.id()), operatorJwt());
    assertThat(account.revocations())
        .containsKey(before.userKey())
        .doesNotContainKey(after.userKey());
    Reply audit = acme.api().get("/api/v1/audit-events?action=edge-site.regenerate");
    assertThat(audit.json().get("items").get(0).get("details").get("revokedLeafUser").asString())
        .isEqualTo(before.userKey());
  }

  @Test
  void viewerCannotRegenerate() {
    TenantHandle acme = newTenant("acme", "tenant_viewer");

    Reply reply = acme.api().post("/api/v1/edge-sites/" + UUID.randomUUID() + "/regenerate", null);

    assertThat(reply.status()).isEqualTo(403);
  }

  @Test
  void changingTheLeafUrlReissuesTheLocalServerCertificateForThatHost() throws Exception {
    TenantHandle acme = newTenant("acme");
    Reply created = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office"));
    String id = created.text("id");

    Reply patched =
        acme.api()
            .patch(
                "/api/v1/edge-sites/" + id,
                Map.of("natsLeafUrl", "tls://leaf.nyc.example.com:4222"));

    X509Certificate server = Pem.decodeCertificate(storedLeaf(id).serverCertificate());
    assertThat(server.getSubjectAlternativeNames())
        .extracting(name -> name.get(1).toString())
        .contains("leaf.nyc.example.com", "localhost", "127.0.0.1");
    assertThat(patched.json().get("leafServer").get("configChecksum").asString())
        .isNotEqualTo(created.json().get("leafServer").get("configChecksum").asString());
  }

  @Test
  void deletingASiteRevokesItsLeafUser() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    String userKey = storedLeaf(id).userKey();

    acme.api().delete("/api/v1/edge-sites/" + id);

    assertThat(NatsIdentities.verifyAccountJwt(accountJwt(acme.id()), operatorJwt()).revocations())
        .containsKey(userKey);
  }

  @Test
  void downloadEdgeSiteBundle(@TempDir Path dir) throws Exception {
    TenantHandle acme = newTenant("acme");
    Reply created =
        acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office", "slug", "nyc-office"));
    String id = created.text("id");

    HttpResponse<byte[]> download = acme.api().download("/api/v1/edge-sites/" + id + "/bundle");

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/gzip");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .contains(EdgeSiteNames.bundleArchive(UUID.fromString(id)));
    Path archive = Files.write(dir.resolve("bundle.tar.gz"), download.body());
    assertThat(run(dir, "tar", "-xzf", archive.toString())).isEmpty();
    Path top = dir.resolve(EdgeSiteNames.bundleFolder(UUID.fromString(id)));
    List<String> expected =
        List.of(
            "nats/nats-leaf.conf",
            "nats/certs/nats-server.pem",
            "nats/certs/nats-server-key.pem",
            "nats/certs/nats-leaf.pem",
            "nats/certs/nats-leaf-key.pem",
            "nats/certs/ca-chain.pem",
            "creds/tenant.creds",
            "setup.sh",
            "README.md",
            "MANIFEST.sha256");
    for (String file : expected) {
      Path path = top.resolve(file);
      assertThat(path).as(file).isRegularFile();
      String content = Files.readString(path);
      assertThat(content).as(file).isNotBlank().doesNotContainIgnoringCase("placeholder");
    }
    try (var files = Files.walk(top)) {
      assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(expected.size());
    }
    assertThat(run(top, "sha256sum", "--quiet", "-c", "MANIFEST.sha256")).isEmpty();
    assertThat(Files.isExecutable(top.resolve("setup.sh"))).isTrue();

    List<X509Certificate> leafFile =
        Pem.decodeCertificates(Files.readString(top.resolve("nats/certs/nats-leaf.pem")));
    X509Certificate leaf = leafFile.get(0);
    assertThat(leaf.getSubjectX500Principal().getName())
        .isEqualTo("CN=leaf.nyc-office." + acme.slug() + ".serviceradar");
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    List<X509Certificate> chain =
        Pem.decodeCertificates(Files.readString(top.resolve("nats/certs/ca-chain.pem")));
    CertificateChains.verify(leaf, List.of(chain.get(0)), chain.get(1), Instant.now());
    assertThat(chain.get(1)).isEqualTo(Pem.decodeCertificate(rootCertificatePem()));
    PrivateKey key =
        Pem.decodePrivateKey(Files.readString(top.resolve("nats/certs/nats-leaf-key.pem")));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    signer.initVerify(leaf.getPublicKey());
    signer.update(new byte[] {1, 2, 3});
    assertThat(signer.verify(signature)).as("the key matches the certificate").isTrue();

    String manifestSha256 = Digests.sha256Hex(Files.readAllBytes(top.resolve("MANIFEST.sha256")));
    assertThat(
            acme.api()
                .get("/api/v1/edge-sites/" + id)
                .json()
                .get("leafServer")
                .get("configChecksum")
                .asString())
        .isEqualTo(manifestSha256);
    assertThat(
            acme.api()
                .get("/api/v1/audit-events?action=edge-site.bundle-download")
                .json()
                .get("items")
                .size())
        .isEqualTo(1);
  }

  @Test
  void onlyTenantAdminsDownloadBundles() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    String viewer =
        operator
            .post(
                "/api/v1/tenants/" + acme.id() + "/api-tokens",
                Map.of("name", "ro", "role", "tenant_viewer"))
            .text("token");
    TenantHandle globex = newTenant("globex");

    assertThat(operator.as(viewer).download("/api/v1/edge-sites/" + id + "/bundle").statusCode())
        .isEqualTo(403);
    assertThat(globex.api().download("/api/v1/edge-sites/" + id + "/bundle").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aSiteWhoseLeafIsNotProvisionedHasNoBundle() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    jdbc.sql("UPDATE nats_leaf_servers SET status = 'pending' WHERE edge_site_id = :id")
        .param("id", UUID.fromString(id))
        .update();

    HttpResponse<byte[]> download = acme.api().download("/api/v1/edge-sites/" + id + "/bundle");

    assertThat(download.statusCode()).isEqualTo(409);
    assertThat(new String(download.body(), StandardCharsets.UTF_8)).contains("not provisioned");
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }
}
