package com.serviceradar.edge.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tenants and API tokens; run on H2 and PostgreSQL. */
abstract class TenantScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;

  private static String uniqueSlug(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void platformOperatorCreatesATenant() {
    String slug = uniqueSlug("acme");

    Reply created = operator.post("/api/v1/tenants", Map.of("slug", slug, "name", "Acme Corp"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("slug")).isEqualTo(slug);
    assertThat(created.text("name")).isEqualTo("Acme Corp");
    assertThat(created.json().has("natsAccountPublicKey")).isTrue();
    assertThat(operator.get("/api/v1/tenants/" + created.text("id")).text("slug")).isEqualTo(slug);
  }

  @Test
  void duplicateTenantSlugIsRejected() {
    String slug = uniqueSlug("acme");
    operator.post("/api/v1/tenants", Map.of("slug", slug, "name", "Acme"));

    Reply duplicate = operator.post("/api/v1/tenants", Map.of("slug", slug, "name", "Acme again"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.isProblem()).isTrue();
  }

  @Test
  void tenantAdminCannotCreateTenants() {
    TenantHandle acme = newTenant("acme");

    Reply reply =
        acme.api().post("/api/v1/tenants", Map.of("slug", uniqueSlug("evil"), "name", "Evil"));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.isProblem()).isTrue();
  }

  @Test
  void tokenIsShownOnceAndStoredOnlyAsAHash() {
    TenantHandle acme = newTenant("acme");

    Reply issued =
        operator.post(
            "/api/v1/tenants/" + acme.id() + "/api-tokens",
            Map.of("name", "ci", "role", "tenant_admin"));

    assertThat(issued.status()).isEqualTo(201);
    String token = issued.text("token");
    // 256 random bits in unpadded base64url are 43 characters, after the "sre_" prefix.
    assertThat(token).startsWith("sre_").hasSizeGreaterThanOrEqualTo(4 + 43);
    List<String> storedColumns =
        jdbc.sql("SELECT id || name || role || token_hash FROM api_tokens WHERE id = :id")
            .param("id", UUID.fromString(issued.text("id")))
            .query(String.class)
            .list();
    assertThat(storedColumns).hasSize(1);
    assertThat(storedColumns.get(0)).doesNotContain(token.substring(4));
    assertThat(operator.as(token).get("/api/v1/edge-sites").status()).isEqualTo(200);
  }

  @Test
  void tenantAdminIssuesTokensForItsOwnTenantOnly() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");

    Reply own =
        acme.api()
            .post(
                "/api/v1/tenants/" + acme.id() + "/api-tokens",
                Map.of("name", "ro", "role", "tenant_viewer"));
    Reply foreign =
        acme.api()
            .post(
                "/api/v1/tenants/" + globex.id() + "/api-tokens",
                Map.of("name", "x", "role", "tenant_admin"));

    assertThat(own.status()).isEqualTo(201);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.isProblem()).isTrue();
  }

  @Test
  void aRevokedTokenIsRefusedAtOnceAndTheRevocationIsAudited() {
    TenantHandle acme = newTenant("acme");
    String tokensPath = "/api/v1/tenants/" + acme.id() + "/api-tokens";
    Reply issued =
        acme.api().post(tokensPath, Map.of("name", "dashboard", "role", "tenant_viewer"));
    String siteId = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    Reply agent =
        acme.api().post("/api/v1/edge-sites/" + siteId + "/agent-tokens", Map.of("name", "host"));
    assertThat(operator.as(issued.text("token")).get("/api/v1/edge-sites").status()).isEqualTo(200);

    Reply revoked = acme.api().delete(tokensPath + "/" + issued.text("id"));
    Reply revokedAgent = acme.api().delete(tokensPath + "/" + agent.text("id"));
    Reply again = acme.api().delete(tokensPath + "/" + issued.text("id"));
    Reply listed = acme.api().get(tokensPath);

    assertThat(revoked.status()).isEqualTo(204);
    assertThat(revokedAgent.status()).isEqualTo(204);
    assertThat(operator.as(issued.text("token")).get("/api/v1/edge-sites").status()).isEqualTo(401);
    assertThat(operator.as(agent.text("token")).get("/api/v1/edge-sites/" + siteId).status())
        .isEqualTo(401);
    assertThat(acme.api().get("/api/v1/edge-sites/" + siteId).status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.isProblem()).isTrue();
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body())
        .contains(issued.text("id"))
        .doesNotContain(issued.text("token"))
        .doesNotContain("tokenHash")
        .doesNotContain("\"token\"");
    listed
        .json()
        .forEach(
            token -> {
              if (token.get("id").asString().equals(issued.text("id"))) {
                assertThat(token.get("revokedAt").isNull()).isFalse();
              }
            });
    assertThat(
            acme.api()
                .get("/api/v1/audit-events?action=api-token.revoke")
                .json()
                .get("items")
                .size())
        .isEqualTo(2);
  }

  @Test
  void anotherTenantsTokensCannotBeListedOrRevoked() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    String globexTokens = "/api/v1/tenants/" + globex.id() + "/api-tokens";
    String globexToken =
        globex.api().post(globexTokens, Map.of("name", "ci", "role", "tenant_viewer")).text("id");

    Reply list = acme.api().get(globexTokens);
    Reply revoke = acme.api().delete(globexTokens + "/" + globexToken);
    Reply unknown =
        acme.api().delete("/api/v1/tenants/" + acme.id() + "/api-tokens/" + UUID.randomUUID());

    assertThat(list.status()).isEqualTo(404);
    assertThat(revoke.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.isProblem()).isTrue();
    assertThat(globex.api().get(globexTokens).body()).contains(globexToken);
  }

  @Test
  void platformOperatorTokensCannotBeIssuedThroughATenant() {
    TenantHandle acme = newTenant("acme");

    Reply reply =
        operator.post(
            "/api/v1/tenants/" + acme.id() + "/api-tokens",
            Map.of("name", "x", "role", "platform_operator"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("detail")).contains("tenant_admin or tenant_viewer");
  }

  @Test
  void unknownRoleIsRejected() {
    TenantHandle acme = newTenant("acme");

    Reply reply =
        operator.post(
            "/api/v1/tenants/" + acme.id() + "/api-tokens",
            Map.of("name", "x", "role", "superuser"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.isProblem()).isTrue();
  }

  @Test
  void requestsWithoutOrWithAWrongTokenAreUnauthorized() {
    Reply none = operator.as(null).get("/api/v1/edge-sites");
    Reply wrong = operator.as("sre_not-a-real-token").get("/api/v1/edge-sites");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.isProblem()).isTrue();
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.isProblem()).isTrue();
  }
}
