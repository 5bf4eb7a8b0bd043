package com.serviceradar.edge.server.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Web UI accounts made by platform operators; run on H2 and PostgreSQL. */
abstract class UserScenarios extends ApiTest {

  static final String PASSWORD = "correct horse battery";

  @Autowired JdbcClient jdbc;

  private static String uniqueName(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private Reply createUser(TenantHandle tenant, String username, String password, String role) {
    return operator.post(
        "/api/v1/tenants/" + tenant.id() + "/users",
        Map.of("username", username, "password", password, "role", role));
  }

  @Test
  void platformOperatorCreatesATenantAdminUser() {
    TenantHandle acme = newTenant("acme");
    String username = uniqueName("Alice");

    Reply created = createUser(acme, username, PASSWORD, "tenant_admin");

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("username")).isEqualTo(username.toLowerCase());
    assertThat(created.text("tenantId")).isEqualTo(acme.id());
    assertThat(created.text("role")).isEqualTo("tenant_admin");
    assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("password");
  }

  @Test
  void passwordIsStoredOnlyAsABcryptHash() {
    TenantHandle acme = newTenant("acme");
    String id = createUser(acme, uniqueName("bob"), PASSWORD, "tenant_viewer").text("id");

    String stored =
        jdbc.sql("SELECT password_hash FROM users WHERE id = :id")
            .param("id", UUID.fromString(id))
            .query(String.class)
            .single();

    assertThat(stored).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
  }

  @Test
  void duplicateUsernameIsRejectedAcrossTenants() {
    String username = uniqueName("carol");
    createUser(newTenant("acme"), username, PASSWORD, "tenant_admin");

    Reply duplicate =
        createUser(newTenant("globex"), username.toUpperCase(), PASSWORD, "tenant_admin");

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.isProblem()).isTrue();
  }

  @Test
  void shortAndOverlongPasswordsAreRejected() {
    TenantHandle acme = newTenant("acme");

    Reply tooShort = createUser(acme, uniqueName("dave"), "short", "tenant_admin");
    Reply tooLong = createUser(acme, uniqueName("dave"), "x".repeat(73), "tenant_admin");

    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooShort.body()).contains("12 to 72 bytes").doesNotContain("short\"");
  }

  @Test
  void usernameWithSpacesIsRejected() {
    Reply reply = createUser(newTenant("acme"), "not a name", PASSWORD, "tenant_admin");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.isProblem()).isTrue();
  }

  @Test
  void tenantUsersHaveTenantRolesAndOperatorsNone() {
    TenantHandle acme = newTenant("acme");

    Reply operatorInTenant = createUser(acme, uniqueName("eve"), PASSWORD, "platform_operator");
    Reply tenantRoleWithoutTenant =
        operator.post(
            "/api/v1/users",
            Map.of("username", uniqueName("eve"), "password", PASSWORD, "role", "tenant_admin"));
    Reply platformOperator =
        operator.post(
            "/api/v1/users",
            Map.of(
                "username", uniqueName("root"), "password", PASSWORD, "role", "platform_operator"));

    assertThat(operatorInTenant.status()).isEqualTo(400);
    assertThat(tenantRoleWithoutTenant.status()).isEqualTo(400);
    assertThat(platformOperator.status()).as(platformOperator.body()).isEqualTo(201);
    assertThat(platformOperator.json().get("tenantId").isNull()).isTrue();
  }

  @Test
  void siteAgentIsNoRoleForAPerson() {
    TenantHandle acme = newTenant("acme");

    Reply agent = createUser(acme, uniqueName("host"), PASSWORD, "site_agent");

    assertThat(agent.status()).isEqualTo(400);
    assertThat(agent.json().get("detail").asString()).contains("site_agent");
  }

  @Test
  void tenantAdminTokenCannotCreateUsers() {
    TenantHandle acme = newTenant("acme");

    Reply inOwnTenant =
        acme.api()
            .post(
                "/api/v1/tenants/" + acme.id() + "/users",
                Map.of(
                    "username",
                    uniqueName("mallory"),
                    "password",
                    PASSWORD,
                    "role",
                    "tenant_admin"));
    Reply asOperator =
        acme.api()
            .post(
                "/api/v1/users",
                Map.of(
                    "username",
                    uniqueName("mallory"),
                    "password",
                    PASSWORD,
                    "role",
                    "platform_operator"));

    assertThat(inOwnTenant.status()).isEqualTo(403);
    assertThat(asOperator.status()).isEqualTo(403);
    assertThat(asOperator.isProblem()).isTrue();
  }

  @Test
  void unknownTenantAnswers404() {
    Reply reply =
        operator.post(
            "/api/v1/tenants/" + UUID.randomUUID() + "/users",
            Map.of("username", uniqueName("frank"), "password", PASSWORD, "role", "tenant_admin"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.isProblem()).isTrue();
  }
}
