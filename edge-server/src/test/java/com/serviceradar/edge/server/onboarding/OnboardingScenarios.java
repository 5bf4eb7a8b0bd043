package com.serviceradar.edge.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.HostKeyRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One-time join tokens for a site's leaf; run on H2 and PostgreSQL. */
abstract class OnboardingScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;

  private record Site(TenantHandle tenant, String id) {}

  private Site newSite() {
    TenantHandle acme = newTenant("acme");
    return new Site(
        acme, acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id"));
  }

  private static Reply issue(Site site) {
    return site.tenant()
        .api()
        .post(
            "/api/v1/onboarding-packages",
            Map.of("componentType", "nats-leaf", "edgeSiteId", site.id()));
  }

  private HttpResponse<byte[]> enroll(String token) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/enroll"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static List<String> entries(byte[] archive) throws IOException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        names.add(entry.getName());
      }
    }
    return names;
  }

  @Test
  void aJoinTokenIsShownOnceAndStoredOnlyAsAHash() {
    Site site = newSite();

    Reply issued = issue(site);

    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String token = issued.text("token");
    assertThat(token).startsWith("srj_").hasSizeGreaterThanOrEqualTo(4 + 43);
    assertThat(issued.text("status")).isEqualTo("issued");
    assertThat(issued.text("expiresAt")).isNotBlank();
    String stored =
        jdbc.sql("SELECT token_hash FROM onboarding_packages WHERE id = :id")
            .param("id", UUID.fromString(issued.text("id")))
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain(token.substring(4));
    Reply list = site.tenant().api().get("/api/v1/onboarding-packages");
    assertThat(list.body()).doesNotContain(token);
  }

  @Test
  void aJoinTokenRedeemsOnceForTheSitesBundle() throws Exception {
    Site site = newSite();
    String token = issue(site).text("token");

    HttpResponse<byte[]> first = enroll(token);
    HttpResponse<byte[]> second = enroll(token);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(entries(first.body()))
        .contains(EdgeSiteNames.bundleFolder(UUID.fromString(site.id())) + "/creds/tenant.creds");
    assertThat(second.statusCode()).isEqualTo(410);
    assertThat(second.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(new String(second.body())).contains("already used");
    Reply audit =
        operator.get(
            "/api/v1/audit-events?tenantId=" + site.tenant().id() + "&action=onboarding.redeem");
    assertThat(audit.json().get("items").size()).isEqualTo(2);
    assertThat(audit.json().get("items").get(0).get("outcome").asString()).isEqualTo("failure");
    assertThat(audit.json().get("items").get(1).get("outcome").asString()).isEqualTo("success");
    assertThat(audit.json().get("items").get(1).get("sourceAddress").asString())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void anExpiredJoinTokenIsGone() throws Exception {
    Site site = newSite();
    Reply issued = issue(site);
    jdbc.sql(
            "UPDATE onboarding_packages SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' HOUR WHERE id = :id")
        .param("id", UUID.fromString(issued.text("id")))
        .update();

    HttpResponse<byte[]> reply = enroll(issued.text("token"));

    assertThat(reply.statusCode()).isEqualTo(410);
    assertThat(new String(reply.body())).contains("expired");
  }

  @Test
  void anUnknownJoinTokenIsNotFound() throws Exception {
    assertThat(enroll("srj_no-such-token").statusCode()).isEqualTo(404);
  }

  @Test
  void deletingTheSiteKillsItsJoinTokens() throws Exception {
    Site site = newSite();
    String token = issue(site).text("token");

    site.tenant().api().delete("/api/v1/edge-sites/" + site.id());

    assertThat(enroll(token).statusCode()).isEqualTo(404);
  }

  @Test
  void joinTokensAreForTheTenantsOwnSitesAndTenantAdminsOnly() {
    Site site = newSite();
    TenantHandle globex = newTenant("globex");
    TenantHandle viewer = newTenant("viewer", "tenant_viewer");

    Reply foreign =
        globex
            .api()
            .post(
                "/api/v1/onboarding-packages",
                Map.of("componentType", "nats-leaf", "edgeSiteId", site.id()));
    Reply byViewer =
        viewer
            .api()
            .post(
                "/api/v1/onboarding-packages",
                Map.of("componentType", "nats-leaf", "edgeSiteId", site.id()));
    Reply noSite =
        site.tenant()
            .api()
            .post("/api/v1/onboarding-packages", Map.of("componentType", "nats-leaf"));

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(byViewer.status()).isEqualTo(403);
    assertThat(noSite.status()).isEqualTo(400);
  }

  @Test
  void aCollectorJoinTokenRedeemsOnceForANewCollectorPackage() throws Exception {
    TenantHandle acme = newTenant("acme");
    Reply issued =
        acme.api().post("/api/v1/onboarding-packages", Map.of("componentType", "flowgger"));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);

    HttpResponse<byte[]> first = enroll(issued.text("token"));
    HttpResponse<byte[]> second = enroll(issued.text("token"));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(entries(first.body()))
        .anyMatch(name -> name.matches("collector-package-[0-9a-f-]+/config/flowgger\\.json"))
        .anyMatch(name -> name.endsWith("/creds/nats.creds"));
    assertThat(second.statusCode()).isEqualTo(410);
    Reply packages = acme.api().get("/api/v1/collector-packages");
    assertThat(packages.json().size()).isEqualTo(1);
    assertThat(packages.json().get(0).get("collectorType").asString()).isEqualTo("flowgger");
  }

  @Test
  void aCollectorJoinTokenNeedsASiteWithALeafUrlAndAKnownType() {
    Site site = newSite();

    Reply noLeafUrl =
        site.tenant()
            .api()
            .post(
                "/api/v1/onboarding-packages",
                Map.of("componentType", "trapd", "edgeSiteId", site.id()));
    Reply unknownType =
        site.tenant().api().post("/api/v1/onboarding-packages", Map.of("componentType", "toaster"));

    assertThat(noLeafUrl.status()).isEqualTo(409);
    assertThat(noLeafUrl.text("detail")).contains("natsLeafUrl");
    assertThat(unknownType.status()).isEqualTo(400);
  }

  private Reply enrollWith(Map<String, Object> body) {
    return operator.as(null).post("/api/v1/enroll", body);
  }

  @Test
  void enrollmentWithHostKeysNeedsBothKeysAndAUsableCsr() throws Exception {
    Site site = newSite();
    String nkey = HostKeyRequest.fresh().natsPublicKey();

    Reply onlyCsr =
        enrollWith(Map.of("token", issue(site).text("token"), "csr", HostKeyRequest.fresh().csr()));
    Reply badCsr =
        enrollWith(
            Map.of("token", issue(site).text("token"), "csr", "not a csr", "natsPublicKey", nkey));
    Reply badKey =
        enrollWith(
            Map.of(
                "token",
                issue(site).text("token"),
                "csr",
                HostKeyRequest.fresh().csr(),
                "natsPublicKey",
                "Unope"));

    assertThat(onlyCsr.status()).isEqualTo(400);
    assertThat(badCsr.status()).isEqualTo(400);
    assertThat(badCsr.text("detail")).contains("csr");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.text("detail")).contains("natsPublicKey");
  }

  @Test
  void aSiteEnrolledWithHostKeysHasNoServerBundleUntilRegenerated() throws Exception {
    Site site = newSite();
    String oldUser =
        jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
            .param("id", UUID.fromString(site.id()))
            .query(String.class)
            .single();
    String nkey = HostKeyRequest.fresh().natsPublicKey();

    Reply enrolled =
        enrollWith(
            Map.of(
                "token",
                issue(site).text("token"),
                "csr",
                HostKeyRequest.fresh().csr(),
                "natsPublicKey",
                nkey));

    assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
    assertThat(enrolled.json().get("files").propertyNames())
        .containsExactlyInAnyOrder(
            "nats/nats-leaf.conf",
            "nats/certs/nats-leaf.pem",
            "nats/certs/nats-server.pem",
            "nats/certs/ca-chain.pem",
            "setup.sh",
            "README.md");
    assertThat(
            site.tenant()
                .api()
                .download("/api/v1/edge-sites/" + site.id() + "/bundle")
                .statusCode())
        .isEqualTo(409);
    // An account change re-checksums every site of the tenant, host-keyed ones included.
    String other =
        site.tenant().api().post("/api/v1/edge-sites", Map.of("name", "Chicago DC")).text("id");
    assertThat(site.tenant().api().delete("/api/v1/edge-sites/" + other).status()).isEqualTo(204);
    assertThat(
            site.tenant()
                .api()
                .get("/api/v1/edge-sites/" + site.id())
                .json()
                .get("leafServer")
                .get("configChecksum")
                .asString())
        .matches("[0-9a-f]{64}");

    assertThat(
            site.tenant()
                .api()
                .post("/api/v1/edge-sites/" + site.id() + "/regenerate", null)
                .status())
        .isEqualTo(200);
    assertThat(
            site.tenant()
                .api()
                .download("/api/v1/edge-sites/" + site.id() + "/bundle")
                .statusCode())
        .isEqualTo(200);
    assertThat(oldUser).isNotEqualTo(nkey);
  }

  @Test
  void enrollingWithHostKeysGivesTheHostAnAgentTokenForItsOwnSite() throws Exception {
    Site site = newSite();
    Site other = newSite();
    String nkey = HostKeyRequest.fresh().natsPublicKey();

    Reply enrolled =
        enrollWith(
            Map.of(
                "token",
                issue(site).text("token"),
                "csr",
                HostKeyRequest.fresh().csr(),
                "natsPublicKey",
                nkey));

    assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
    assertThat(enrolled.body()).doesNotContain("PRIVATE KEY").doesNotContain("NKEY SEED");
    String agentToken = enrolled.text("agentToken");
    assertThat(agentToken).startsWith("sre_");
    var agent = operator.as(agentToken);
    Reply config = agent.get("/api/v1/edge-sites/" + site.id() + "/host-config");
    assertThat(config.status()).as(config.body()).isEqualTo(200);
    assertThat(config.text("userJwt")).isEqualTo(enrolled.text("userJwt"));
    assertThat(config.json().get("files")).isEqualTo(enrolled.json().get("files"));
    assertThat(config.text("configChecksum"))
        .isEqualTo(enrolled.text("configChecksum"))
        .isEqualTo(
            agent
                .get("/api/v1/edge-sites/" + site.id())
                .json()
                .get("leafServer")
                .get("configChecksum")
                .asString());
    assertThat(agent.get("/api/v1/edge-sites/" + other.id()).status()).isEqualTo(404);
    assertThat(agent.get("/api/v1/edge-sites").status()).isEqualTo(403);
  }
}
