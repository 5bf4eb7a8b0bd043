package com.serviceradar.edge.server.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Alerts opened and resolved from the sites' state, and the alerts API with its tenant scoping; run
 * on H2 and PostgreSQL. The state is written straight to the database, as the monitor would.
 */
@TestPropertySource(
    properties = {"edge.alert.evaluate-interval=100ms", "edge.alert.disconnect-after=1s"})
@DirtiesContext
abstract class AlertScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;

  private UUID newSite(TenantHandle tenant, String name) {
    Reply created = tenant.api().post("/api/v1/edge-sites", Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return UUID.fromString(created.text("id"));
  }

  private void disconnect(UUID siteId, OffsetDateTime at) {
    jdbc.sql(
            """
            UPDATE nats_leaf_servers SET status = 'disconnected', disconnected_at = :at,
                   last_disconnect_reason = 'Stale Connection' WHERE edge_site_id = :site
            """)
        .param("at", at)
        .param("site", siteId)
        .update();
  }

  private void reconnect(UUID siteId) {
    jdbc.sql(
            "UPDATE nats_leaf_servers SET status = 'connected', connected_at = :at WHERE edge_site_id = :site")
        .param("at", OffsetDateTime.now(ZoneOffset.UTC))
        .param("site", siteId)
        .update();
  }

  private static List<JsonNode> items(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return elements(reply.json());
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  /** Polls {@code path} until one of its alerts matches; fails after 10 seconds. */
  private static JsonNode awaitAlert(TenantHandle tenant, String path, Predicate<JsonNode> wanted)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      for (JsonNode alert : items(tenant.api().get(path))) {
        if (wanted.test(alert)) {
          return alert;
        }
      }
      assertThat(Instant.now()).as("an alert from " + path).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void aProlongedDisconnectOpensACriticalAlertAndTheReconnectResolvesIt() throws Exception {
    TenantHandle acme = newTenant("acme");
    UUID siteId = newSite(acme, "Warehouse");
    disconnect(siteId, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10));

    JsonNode opened = awaitAlert(acme, "/api/v1/alerts?state=open", alert -> true);
    assertThat(opened.propertyNames())
        .containsExactlyInAnyOrder(
            "id",
            "tenantId",
            "edgeSiteId",
            "siteName",
            "siteSlug",
            "kind",
            "severity",
            "state",
            "openedAt",
            "resolvedAt",
            "detail");
    assertThat(opened.get("kind").asString()).isEqualTo("disconnected");
    assertThat(opened.get("severity").asString()).isEqualTo("critical");
    assertThat(opened.get("edgeSiteId").asString()).isEqualTo(siteId.toString());
    assertThat(opened.get("tenantId").asString()).isEqualTo(acme.id());
    assertThat(opened.get("siteName").asString()).isEqualTo("Warehouse");
    assertThat(opened.get("siteSlug").asString()).isEqualTo("warehouse");
    assertThat(opened.get("detail").asString()).contains("Stale Connection");
    assertThat(opened.get("resolvedAt").isNull()).isTrue();

    reconnect(siteId);

    String id = opened.get("id").asString();
    JsonNode resolved =
        awaitAlert(
            acme, "/api/v1/alerts?state=resolved", alert -> alert.get("id").asString().equals(id));
    assertThat(resolved.get("resolvedAt").isNull()).isFalse();
    assertThat(items(acme.api().get("/api/v1/alerts?state=open"))).isEmpty();
    assertThat(items(acme.api().get("/api/v1/alerts"))).hasSize(1);
    assertThat(
            elements(acme.api().get("/api/v1/audit-events?target=alert:" + id).json().get("items")))
        .extracting(event -> event.get("action").asString() + "/" + event.get("actor").asString())
        .containsExactlyInAnyOrder("alert.open/system", "alert.resolve/system");
  }

  @Test
  void aLeafDisconnectedJustNowIsNoAlertYet() throws Exception {
    TenantHandle acme = newTenant("acme");
    UUID recent = newSite(acme, "Recent");
    UUID longGone = newSite(acme, "Long Gone");
    disconnect(recent, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
    disconnect(longGone, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));

    awaitAlert(
        acme,
        "/api/v1/alerts?state=open",
        alert -> alert.get("edgeSiteId").asString().equals(longGone.toString()));
    Thread.sleep(300);

    assertThat(items(acme.api().get("/api/v1/alerts")))
        .extracting(alert -> alert.get("edgeSiteId").asString())
        .containsExactly(longGone.toString());
  }

  @Test
  void aConditionOpensAnAlertOfItsKindAndClearingItResolvesIt() throws Exception {
    TenantHandle acme = newTenant("acme");
    UUID siteId = newSite(acme, "Branch");
    jdbc.sql(
            """
            INSERT INTO site_conditions (edge_site_id, tenant_id, kind, severity, detail, since)
            VALUES (:site, :tenant, 'identity_mismatch', 'critical', 'presented another site''s cert', :now)
            """)
        .param("site", siteId)
        .param("tenant", UUID.fromString(acme.id()))
        .param("now", OffsetDateTime.now(ZoneOffset.UTC))
        .update();

    JsonNode opened = awaitAlert(acme, "/api/v1/alerts?state=open", alert -> true);
    assertThat(opened.get("kind").asString()).isEqualTo("identity_mismatch");
    assertThat(opened.get("severity").asString()).isEqualTo("critical");
    assertThat(opened.get("detail").asString()).isEqualTo("presented another site's cert");

    jdbc.sql("DELETE FROM site_conditions WHERE edge_site_id = :site")
        .param("site", siteId)
        .update();

    String id = opened.get("id").asString();
    awaitAlert(
        acme, "/api/v1/alerts?state=resolved", alert -> alert.get("id").asString().equals(id));
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM alert_deliveries a JOIN alerts b ON b.id = a.alert_id"
                        + " WHERE b.edge_site_id = :site")
                .param("site", siteId)
                .query(Long.class)
                .single())
        .as("no webhook is configured, so nothing is queued")
        .isZero();
  }

  @Test
  void tenantsSeeOnlyTheirOwnAlertsAndViewersMayReadThem() throws Exception {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    TenantHandle otherViewer = newTenant("initech", "tenant_viewer");
    UUID acmeSite = newSite(acme, "Acme HQ");
    disconnect(acmeSite, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
    JsonNode opened = awaitAlert(acme, "/api/v1/alerts", alert -> true);
    String alertId = opened.get("id").asString();

    assertThat(items(globex.api().get("/api/v1/alerts"))).isEmpty();
    assertThat(items(globex.api().get("/api/v1/alerts?tenantId=" + acme.id()))).isEmpty();
    Reply foreign = globex.api().get("/api/v1/alerts/" + alertId);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.isProblem()).isTrue();
    assertThat(acme.api().get("/api/v1/alerts/" + alertId).text("id")).isEqualTo(alertId);
    assertThat(items(otherViewer.api().get("/api/v1/alerts"))).isEmpty();

    String viewerToken =
        operator
            .post(
                "/api/v1/tenants/" + acme.id() + "/api-tokens",
                Map.of("name", "acme viewer", "role", "tenant_viewer"))
            .text("token");
    assertThat(items(operator.as(viewerToken).get("/api/v1/alerts")))
        .extracting(alert -> alert.get("id").asString())
        .containsExactly(alertId);
    assertThat(items(operator.get("/api/v1/alerts?tenantId=" + acme.id())))
        .extracting(alert -> alert.get("id").asString())
        .containsExactly(alertId);
    assertThat(items(operator.get("/api/v1/alerts?state=open")))
        .extracting(alert -> alert.get("id").asString())
        .contains(alertId);
  }

  @Test
  void badQueriesAndMissingTokensAreRefused() {
    TenantHandle acme = newTenant("acme");

    Reply badState = acme.api().get("/api/v1/alerts?state=closed");
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.isProblem()).isTrue();
    assertThat(acme.api().get("/api/v1/alerts?limit=0").status()).isEqualTo(400);
    assertThat(acme.api().get("/api/v1/alerts/not-a-uuid").status()).isEqualTo(404);
    Reply anonymous = acme.api().as(null).get("/api/v1/alerts");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.isProblem()).isTrue();
  }
}
