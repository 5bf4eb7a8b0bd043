package com.serviceradar.edge.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the API scenario tests: a real server on a random loopback port, reached over HTTP.
 * Concrete classes pick the database with {@code @ContextConfiguration(initializers =
 * TestDatabases.X.class)}; each test makes tenants of its own, so tests share a server without
 * seeing each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

  @LocalServerPort protected int port;

  protected ApiClient operator;

  @BeforeEach
  void connectAsOperator() {
    operator = new ApiClient(port, TestDatabases.BOOTSTRAP_TOKEN);
  }

  /** A tenant named after {@code label} with a unique slug, and a token of {@code role} for it. */
  protected TenantHandle newTenant(String label, String role) {
    String slug = label + "-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Reply created = operator.post("/api/v1/tenants", Map.of("slug", slug, "name", label));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String tenantId = created.text("id");
    ApiClient.Reply token =
        operator.post(
            "/api/v1/tenants/" + tenantId + "/api-tokens",
            Map.of("name", label + " " + role, "role", role));
    assertThat(token.status()).as(token.body()).isEqualTo(201);
    return new TenantHandle(tenantId, slug, operator.as(token.text("token")));
  }

  protected TenantHandle newTenant(String label) {
    return newTenant(label, "tenant_admin");
  }

  /** A tenant made for one test, and a client holding one of its tokens. */
  public record TenantHandle(String id, String slug, ApiClient api) {}
}
