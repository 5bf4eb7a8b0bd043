package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.NoticeSubjects;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Site agent tokens: bound to one site, able to read only it; run on H2 and PostgreSQL. */
abstract class SiteAgentScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;
  @Autowired SiteConditions conditions;

  private record Site(TenantHandle tenant, String id) {
    String path() {
      return "/api/v1/edge-sites/" + id;
    }
  }

  private Site newSite(TenantHandle tenant, String name) {
    Reply created = tenant.api().post("/api/v1/edge-sites", Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Site(tenant, created.text("id"));
  }

  private ApiClient agentOf(Site site) {
    Reply issued = site.tenant().api().post(site.path() + "/agent-tokens", Map.of());
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return operator.as(issued.text("token"));
  }

  @Test
  void aTenantAdminGivesASiteAnAgentTokenShownOnceAndAudited() {
    Site site = newSite(newTenant("acme"), "NYC Office");

    Reply issued =
        site.tenant().api().post(site.path() + "/agent-tokens", Map.of("name", "nyc host"));

    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.text("role")).isEqualTo("site_agent");
    assertThat(issued.text("edgeSiteId")).isEqualTo(site.id());
    String token = issued.text("token");
    assertThat(token).startsWith("sre_");
    String stored =
        jdbc.sql("SELECT token_hash FROM api_tokens WHERE id = :id")
            .param("id", UUID.fromString(issued.text("id")))
            .query(String.class)
            .single();
    assertThat(stored).doesNotContain(token.substring(4));
    Reply audit =
        operator.get(
            "/api/v1/audit-events?tenantId=" + site.tenant().id() + "&action=api-token.create");
    assertThat(audit.body())
        .contains("site_agent")
        .contains(site.id())
        .doesNotContain(token.substring(4));
  }

  @Test
  void aSiteAgentReadsItsOwnSiteAndBundleAndNothingElse() {
    TenantHandle acme = newTenant("acme");
    Site nyc = newSite(acme, "NYC Office");
    Site chicago = newSite(acme, "Chicago DC");
    ApiClient agent = agentOf(nyc);

    assertThat(agent.get(nyc.path()).status()).isEqualTo(200);
    assertThat(agent.download(nyc.path() + "/bundle").statusCode()).isEqualTo(200);

    assertThat(agent.get(chicago.path()).status()).isEqualTo(404);
    assertThat(agent.download(chicago.path() + "/bundle").statusCode()).isEqualTo(404);
    Reply otherSynced =
        agent.post(chicago.path() + "/synced", Map.of("configChecksum", "0".repeat(64)));
    assertThat(otherSynced.status()).isEqualTo(404);

    Reply list = agent.get("/api/v1/edge-sites");
    assertThat(list.status()).isEqualTo(403);
    assertThat(list.isProblem()).isTrue();
    assertThat(agent.get("/api/v1/edge-sites/stream").status()).isEqualTo(403);
    assertThat(agent.get(nyc.path() + "/events").status()).isEqualTo(403);
    assertThat(agent.post("/api/v1/edge-sites", Map.of("name", "Rogue")).status()).isEqualTo(403);
    assertThat(agent.patch(nyc.path(), Map.of("name", "Renamed")).status()).isEqualTo(403);
    assertThat(agent.post(nyc.path() + "/regenerate", null).status()).isEqualTo(403);
    assertThat(agent.post(nyc.path() + "/agent-tokens", Map.of()).status()).isEqualTo(403);
    assertThat(agent.delete(nyc.path()).status()).isEqualTo(403);
    assertThat(agent.get("/api/v1/collector-packages").status()).isEqualTo(403);
    assertThat(agent.get("/api/v1/onboarding-packages").status()).isEqualTo(403);
    assertThat(agent.get("/api/v1/audit-events").status()).isEqualTo(403);
    assertThat(agent.get("/api/v1/alerts").status()).isEqualTo(403);
    assertThat(agent.get("/api/v1/tenants").status()).isEqualTo(403);
    assertThat(agent.get(nyc.path()).status()).isEqualTo(200);
  }

  /**
   * The agent hears change notices at its own leaf with these creds: worth nothing beyond that, so
   * they may subscribe to the notice subject and do nothing else.
   */
  @Test
  void aSiteAgentGetsNoticeCredsThatMayOnlySubscribeToTheNoticeSubject() {
    TenantHandle acme = newTenant("acme");
    Site nyc = newSite(acme, "NYC Office");
    Site chicago = newSite(acme, "Chicago DC");
    ApiClient agent = agentOf(nyc);

    Reply issued = agent.post(nyc.path() + "/notice-creds", Map.of());

    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    assertThat(issued.text("subject")).isEqualTo(NoticeSubjects.CONFIG_CHANGED);
    String jwt = issued.text("creds").lines().skip(1).findFirst().orElseThrow();
    String claims =
        new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8)
            .replace(" ", "");
    assertThat(claims)
        .contains("\"pub\":{\"deny\":[\">\"]}")
        .contains("\"sub\":{\"allow\":[\"" + NoticeSubjects.CONFIG_CHANGED + "\"]}")
        .contains("\"kind:site-agent\"")
        .contains("\"edge-site:" + nyc.id() + "\"");
    assertThat(agent.post(chicago.path() + "/notice-creds", Map.of()).status()).isEqualTo(404);
    assertThat(newTenant("globex").api().post(nyc.path() + "/notice-creds", Map.of()).status())
        .isEqualTo(404);
  }

  @Test
  void onlyATenantAdminOfTheSitesTenantGivesItAnAgentToken() {
    Site site = newSite(newTenant("acme"), "NYC Office");
    TenantHandle globex = newTenant("globex");
    TenantHandle viewer = newTenant("viewer", "tenant_viewer");

    assertThat(globex.api().post(site.path() + "/agent-tokens", Map.of()).status()).isEqualTo(404);
    assertThat(viewer.api().post(site.path() + "/agent-tokens", Map.of()).status()).isEqualTo(403);
    assertThat(
            site.tenant()
                .api()
                .post("/api/v1/edge-sites/" + UUID.randomUUID() + "/agent-tokens", Map.of())
                .status())
        .isEqualTo(404);
  }

  @Test
  void siteAgentTokensAreNotIssuedWithoutASite() {
    TenantHandle acme = newTenant("acme");

    Reply reply =
        operator.post(
            "/api/v1/tenants/" + acme.id() + "/api-tokens",
            Map.of("name", "agent", "role", "site_agent"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("detail")).contains("agent-tokens");
  }

  @Test
  void deletingTheSiteEndsItsAgentTokens() {
    Site site = newSite(newTenant("acme"), "NYC Office");
    ApiClient agent = agentOf(site);

    assertThat(site.tenant().api().delete(site.path()).status()).isEqualTo(204);

    assertThat(agent.get(site.path()).status()).isEqualTo(401);
  }

  @Test
  void anAgentReportingTheCurrentChecksumClearsConfigOutdated() {
    Site site = newSite(newTenant("acme"), "NYC Office");
    ApiClient agent = agentOf(site);
    assertThat(agent.download(site.path() + "/bundle").statusCode()).isEqualTo(200);
    String installed = checksum(agent, site);
    site.tenant().api().patch(site.path(), Map.of("name", "NYC Office 2"));
    String current = checksum(agent, site);
    assertThat(current).isNotEqualTo(installed);
    conditions.scanCertificatesAndConfigs(OffsetDateTime.now());
    assertThat(agent.get(site.path()).body()).contains("config_outdated");

    Reply stale = agent.post(site.path() + "/synced", Map.of("configChecksum", installed));
    conditions.scanCertificatesAndConfigs(OffsetDateTime.now());
    assertThat(agent.get(site.path()).body()).contains("config_outdated");
    Reply synced = agent.post(site.path() + "/synced", Map.of("configChecksum", current));

    assertThat(stale.status()).isEqualTo(200);
    assertThat(synced.status()).as(synced.body()).isEqualTo(200);
    assertThat(synced.body()).doesNotContain("config_outdated");
    conditions.scanCertificatesAndConfigs(OffsetDateTime.now());
    assertThat(agent.get(site.path()).body()).doesNotContain("config_outdated");
    assertThat(
            operator
                .get(
                    "/api/v1/audit-events?tenantId="
                        + site.tenant().id()
                        + "&action=edge-site.synced")
                .json()
                .get("items")
                .size())
        .isEqualTo(2);
  }

  @Test
  void aSyncReportNeedsAChecksum() {
    Site site = newSite(newTenant("acme"), "NYC Office");
    ApiClient agent = agentOf(site);

    Reply missing = agent.post(site.path() + "/synced", Map.of());
    Reply malformed = agent.post(site.path() + "/synced", Map.of("configChecksum", "abc"));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.text("detail")).contains("configChecksum");
  }

  @Test
  void aSiteWithKeysFromTheControlPlaneHasNoHostConfig() {
    Site site = newSite(newTenant("acme"), "NYC Office");

    Reply reply = agentOf(site).get(site.path() + "/host-config");

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.text("detail")).contains("bundle");
  }

  private static String checksum(ApiClient agent, Site site) {
    return agent.get(site.path()).json().get("leafServer").get("configChecksum").asString();
  }
}
