package com.serviceradar.edge.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.secrets.MasterKey;
import com.serviceradar.edge.server.EdgeServerApplication;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.TestDatabases;
import com.serviceradar.edge.server.support.TestDatabases.PostgresServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas against one PostgreSQL database: a prolonged disconnect reaches the webhook exactly
 * once, signed, and so does the reconnect that resolves it.
 */
class AlertReplicasTest {

  private static final String SECRET = "whsec-replicas-test-secret";
  private static final Duration SETTLE = Duration.ofMillis(1200);

  @TempDir Path dataDirs;

  private static ConfigurableApplicationContext replica(
      Path dataDir, String dbUrl, String masterKey, String webhookUrl) {
    PostgresServer postgres = PostgresServer.get();
    return new SpringApplicationBuilder(EdgeServerApplication.class)
        .run(
            "--edge.data-dir=" + dataDir,
            "--edge.port=0",
            "--edge.db.url=" + dbUrl,
            "--edge.db.user=" + postgres.user(),
            "--edge.db.password=" + postgres.password(),
            "--edge.master-key=" + masterKey,
            "--edge.bootstrap-token=" + TestDatabases.BOOTSTRAP_TOKEN,
            "--edge.alert.evaluate-interval=200ms",
            "--edge.alert.disconnect-after=1s",
            "--edge.alert.webhook.url=" + webhookUrl,
            "--edge.alert.webhook.secret=" + SECRET,
            "--edge.alert.webhook.poll-interval=100ms");
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  @Test
  void aProlongedDisconnectAndItsReconnectAreEachDeliveredOnceByTwoReplicas() throws Exception {
    PostgresServer postgres = PostgresServer.get();
    String dbUrl = postgres.urlFor(postgres.createDatabase());
    String masterKey = MasterKey.generate(new SecureRandom()).toBase64();

    try (WebhookReceiver receiver = WebhookReceiver.start();
        ConfigurableApplicationContext first =
            replica(dataDirs.resolve("first"), dbUrl, masterKey, receiver.url());
        ConfigurableApplicationContext second =
            replica(dataDirs.resolve("second"), dbUrl, masterKey, receiver.url())) {
      ApiClient operator = new ApiClient(port(first), TestDatabases.BOOTSTRAP_TOKEN);
      String tenantId =
          operator.post("/api/v1/tenants", Map.of("slug", "acme", "name", "Acme")).text("id");
      ApiClient admin =
          new ApiClient(
              port(second),
              operator
                  .post(
                      "/api/v1/tenants/" + tenantId + "/api-tokens",
                      Map.of("name", "admin", "role", "tenant_admin"))
                  .text("token"));
      ApiClient.Reply site =
          admin.post("/api/v1/edge-sites", Map.of("name", "NYC Office", "slug", "nyc-office"));
      assertThat(site.status()).as(site.body()).isEqualTo(201);
      UUID siteId = UUID.fromString(site.text("id"));
      JdbcClient jdbc = first.getBean(JdbcClient.class);

      OffsetDateTime disconnectedAt = OffsetDateTime.now(ZoneOffset.UTC);
      jdbc.sql(
              """
              UPDATE nats_leaf_servers SET status = 'disconnected', disconnected_at = :at,
                     last_disconnect_reason = 'Client Closed' WHERE edge_site_id = :site
              """)
          .param("at", disconnectedAt)
          .param("site", siteId)
          .update();

      WebhookReceiver.Request opened = receiver.awaitRequests(1, Duration.ofSeconds(10)).get(0);
      Thread.sleep(SETTLE.toMillis());
      assertThat(receiver.requests()).as("one delivery for the open").hasSize(1);
      assertThat(opened.contentType()).isEqualTo("application/json");
      assertThat(opened.signedWith(SECRET)).as("signature of " + opened).isTrue();
      assertThat(opened.timestampIsCurrent()).isTrue();
      assertThat(opened.field("transition")).isEqualTo("open");
      assertThat(opened.field("kind")).isEqualTo("disconnected");
      assertThat(opened.field("severity")).isEqualTo("critical");
      assertThat(opened.field("siteId")).isEqualTo(siteId.toString());
      assertThat(opened.field("siteName")).isEqualTo("NYC Office");
      assertThat(opened.field("siteSlug")).isEqualTo("nyc-office");
      assertThat(opened.field("tenantId")).isEqualTo(tenantId);
      assertThat(opened.field("detail")).contains("Client Closed");
      assertThat(opened.field("resolvedAt")).isNull();
      assertThat(OffsetDateTime.parse(opened.field("openedAt")))
          .as("opened only after the leaf stayed down for disconnect-after")
          .isAfterOrEqualTo(disconnectedAt.plusSeconds(1));

      jdbc.sql(
              """
              UPDATE nats_leaf_servers SET status = 'connected', connected_at = :at
               WHERE edge_site_id = :site
              """)
          .param("at", OffsetDateTime.now(ZoneOffset.UTC))
          .param("site", siteId)
          .update();

      WebhookReceiver.Request resolved = receiver.awaitRequests(2, Duration.ofSeconds(10)).get(1);
      Thread.sleep(SETTLE.toMillis());
      assertThat(receiver.requests()).as("one more delivery, for the resolve").hasSize(2);
      assertThat(resolved.signedWith(SECRET)).isTrue();
      assertThat(resolved.field("transition")).isEqualTo("resolve");
      assertThat(resolved.field("alertId")).isEqualTo(opened.field("alertId"));
      assertThat(resolved.field("deliveryId")).isNotEqualTo(opened.field("deliveryId"));
      assertThat(resolved.field("resolvedAt")).isNotNull();

      assertThat(
              jdbc.sql("SELECT state || '/' || attempts FROM alert_deliveries")
                  .query(String.class)
                  .list())
          .containsExactly("delivered/1", "delivered/1");
      assertThat(
              jdbc.sql("SELECT action FROM audit_events WHERE action LIKE 'alert.%' ORDER BY id")
                  .query(String.class)
                  .list())
          .containsExactly("alert.open", "alert.resolve");
      List<String> alerts =
          admin
              .get("/api/v1/alerts")
              .json()
              .valueStream()
              .map(a -> a.get("state").asString())
              .toList();
      assertThat(alerts).containsExactly("resolved");
    }

    try (Connection connection =
            DriverManager.getConnection(dbUrl, postgres.user(), postgres.password());
        ResultSet leases =
            connection
                .createStatement()
                .executeQuery("SELECT COUNT(*) FROM job_leases WHERE name = 'alert-evaluation'")) {
      leases.next();
      assertThat(leases.getInt(1)).as("the lease is given up on stop").isZero();
    }
  }
}
