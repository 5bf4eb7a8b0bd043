package com.serviceradar.edge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.TestDatabases;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every error is an RFC 9457 problem, including those raised before a controller runs, and none
 * shows a stack trace. These do not depend on the database, so they run on H2 only.
 */
@ContextConfiguration(initializers = TestDatabases.H2.class)
class ErrorContractTest extends ApiTest {

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.isProblem()).as(reply.contentType()).isTrue();
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("title").asString()).isNotBlank();
    assertThat(reply.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("trace");
  }

  @Test
  void unknownFieldIsABadRequestNamingTheField() {
    TenantHandle acme = newTenant("acme");

    Reply reply = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC", "color", "blue"));

    assertProblem(reply, 400);
    assertThat(reply.text("detail")).contains("color");
  }

  @Test
  void wrongTypeIsABadRequestNamingTheField() {
    TenantHandle acme = newTenant("acme");

    Reply reply = acme.api().post("/api/v1/edge-sites", Map.of("name", Map.of("nested", true)));

    assertProblem(reply, 400);
    assertThat(reply.text("detail")).contains("name");
  }

  @Test
  void malformedJsonIsABadRequest() {
    TenantHandle acme = newTenant("acme");

    Reply reply = acme.api().post("/api/v1/edge-sites", "{\"name\": ");

    assertProblem(reply, 400);
  }

  @Test
  void missingNameIsABadRequest() {
    TenantHandle acme = newTenant("acme");

    Reply reply = acme.api().post("/api/v1/edge-sites", Map.of("slug", "nyc"));

    assertProblem(reply, 400);
    assertThat(reply.text("detail")).contains("name");
  }

  @Test
  void bodyOverOneMebibyteIsTooLarge() {
    TenantHandle acme = newTenant("acme");
    String huge = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";

    assertProblem(acme.api().post("/api/v1/edge-sites", huge), 413);
  }

  @Test
  void chunkedBodyOverOneMebibyteIsTooLarge() throws Exception {
    HttpURLConnection connection =
        (HttpURLConnection)
            URI.create("http://127.0.0.1:" + port + "/api/v1/tenants").toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setChunkedStreamingMode(8192);
    connection.setRequestProperty("Authorization", "Bearer " + TestDatabases.BOOTSTRAP_TOKEN);
    connection.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(
          ("{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException serverClosedEarly) {
      // the server may answer and close before the client has sent everything
    }
    assertThat(connection.getResponseCode()).isEqualTo(413);
    assertThat(connection.getContentType()).startsWith("application/problem+json");
    try (InputStream error = connection.getErrorStream()) {
      assertThat(new String(error.readAllBytes(), StandardCharsets.UTF_8)).contains("1 MiB");
    }
  }

  @Test
  void unknownPathIsNotFoundForAuthenticatedCallers() {
    assertProblem(operator.get("/api/v1/no-such-thing"), 404);
  }

  @Test
  void unknownPathIsUnauthorizedWithoutAToken() {
    Reply reply = operator.as(null).get("/api/v1/no-such-thing");

    assertProblem(reply, 401);
  }

  @Test
  void idThatIsNotAUuidIsNotFound() {
    TenantHandle acme = newTenant("acme");

    assertProblem(acme.api().get("/api/v1/edge-sites/not-a-uuid"), 404);
  }

  @Test
  void wrongMethodIsMethodNotAllowed() {
    TenantHandle acme = newTenant("acme");

    assertProblem(acme.api().send("PUT", "/api/v1/edge-sites", Map.of("name", "x")), 405);
  }

  @Test
  void forbiddenRoleGetsAProblem() {
    TenantHandle acme = newTenant("acme", "tenant_viewer");

    assertProblem(
        acme.api().delete("/api/v1/edge-sites/00000000-0000-0000-0000-000000000000"), 403);
  }

  @Test
  void healthAndMetricsAreOpen() {
    Reply health = operator.as(null).get("/actuator/health");
    Reply metrics = operator.as(null).get("/actuator/prometheus");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("UP");
    assertThat(health.json().get("components").has("db")).isTrue();
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }
}
