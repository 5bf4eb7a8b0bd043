package com.serviceradar.edge.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.EdgeServerApplication;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A receiver that fails gets the transition again, with back-off, until it takes it or we stop. */
@ExtendWith(OutputCaptureExtension.class)
class AlertDeliveryRetryTest {

  private static final String SECRET = "whsec-retry-test-secret-4f1c";

  @TempDir Path dataDir;

  private static ConfigurableApplicationContext server(Path dataDir, String url, int maxAttempts) {
    return new SpringApplicationBuilder(EdgeServerApplication.class)
        .run(
            "--edge.data-dir=" + dataDir,
            "--edge.port=0",
            "--edge.bootstrap-token=" + TestDatabases.BOOTSTRAP_TOKEN,
            "--edge.alert.evaluate-interval=100ms",
            "--edge.alert.disconnect-after=1s",
            "--edge.alert.webhook.url=" + url,
            "--edge.alert.webhook.secret=" + SECRET,
            "--edge.alert.webhook.poll-interval=50ms",
            "--edge.alert.webhook.retry-base=100ms",
            "--edge.alert.webhook.max-attempts=" + maxAttempts);
  }

  /** A tenant with one site whose leaf went down an hour ago; returns the site id. */
  private static UUID disconnectedSite(ConfigurableApplicationContext server) {
    ApiClient operator =
        new ApiClient(
            Integer.parseInt(server.getEnvironment().getProperty("local.server.port")),
            TestDatabases.BOOTSTRAP_TOKEN);
    String tenantId =
        operator.post("/api/v1/tenants", Map.of("slug", "acme", "name", "Acme")).text("id");
    ApiClient admin =
        operator.as(
            operator
                .post(
                    "/api/v1/tenants/" + tenantId + "/api-tokens",
                    Map.of("name", "admin", "role", "tenant_admin"))
                .text("token"));
    UUID siteId =
        UUID.fromString(admin.post("/api/v1/edge-sites", Map.of("name", "Depot")).text("id"));
    server
        .getBean(JdbcClient.class)
        .sql(
            """
            UPDATE nats_leaf_servers SET status = 'disconnected', disconnected_at = :at
             WHERE edge_site_id = :site
            """)
        .param("at", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1))
        .param("site", siteId)
        .update();
    return siteId;
  }

  private static String delivery(JdbcClient jdbc) {
    return jdbc.sql("SELECT state || '/' || attempts FROM alert_deliveries")
        .query(String.class)
        .single();
  }

  private static void awaitDelivery(JdbcClient jdbc, String expected) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (jdbc.sql("SELECT COUNT(*) FROM alert_deliveries WHERE state || '/' || attempts = :s")
            .param("s", expected)
            .query(Long.class)
            .single()
        == 0) {
      assertThat(Instant.now()).as("delivery reaches " + expected).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void aFailedAttemptIsRetriedAndDeliveredOnceWithoutTheSecretInErrorsOrLogs(CapturedOutput output)
      throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start().answering(500);
        ConfigurableApplicationContext server = server(dataDir, receiver.url(), 20)) {
      disconnectedSite(server);
      JdbcClient jdbc = server.getBean(JdbcClient.class);

      awaitDelivery(jdbc, "delivered/2");
      Thread.sleep(500);

      assertThat(receiver.requests()).hasSize(2);
      assertThat(receiver.requests())
          .allSatisfy(request -> assertThat(request.signedWith(SECRET)).isTrue())
          .extracting(request -> request.field("deliveryId"))
          .as("a retry is the same delivery")
          .containsOnly(receiver.requests().get(0).field("deliveryId"));
      String lastError =
          jdbc.sql("SELECT last_error FROM alert_deliveries").query(String.class).single();
      assertThat(lastError).isEqualTo("the webhook answered HTTP 500");
      assertThat(delivery(jdbc)).isEqualTo("delivered/2");
    }
    assertThat(output.getAll())
        .contains("answered HTTP 500")
        .contains("Delivered the open of disconnected alert")
        .doesNotContain(SECRET);
  }

  @Test
  void aDeliveryIsGivenUpAfterItsLastAttempt() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start().answering(500, 503, 500);
        ConfigurableApplicationContext server = server(dataDir, receiver.url(), 2)) {
      disconnectedSite(server);
      JdbcClient jdbc = server.getBean(JdbcClient.class);

      awaitDelivery(jdbc, "failed/2");
      Thread.sleep(500);

      assertThat(receiver.requests()).hasSize(2);
      assertThat(jdbc.sql("SELECT last_error FROM alert_deliveries").query(String.class).single())
          .isEqualTo("the webhook answered HTTP 503");
    }
  }

  @Test
  void anUnreachableWebhookIsAnErrorThatNamesNeitherThePathNorTheSecret() throws Exception {
    int closedPort;
    try (WebhookReceiver gone = WebhookReceiver.start()) {
      closedPort = Integer.parseInt(gone.url().replaceAll(".*:(\\d+)/.*", "$1"));
    }
    String url = "http://127.0.0.1:" + closedPort + "/hooks/path-token-9a7e";
    try (ConfigurableApplicationContext server = server(dataDir, url, 1)) {
      disconnectedSite(server);
      JdbcClient jdbc = server.getBean(JdbcClient.class);

      awaitDelivery(jdbc, "failed/1");

      assertThat(jdbc.sql("SELECT last_error FROM alert_deliveries").query(String.class).single())
          .isNotBlank()
          .doesNotContain("path-token-9a7e")
          .doesNotContain(SECRET);
    }
  }
}
