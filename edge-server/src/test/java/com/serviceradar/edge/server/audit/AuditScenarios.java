package com.serviceradar.edge.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The audit trail; run on H2 and PostgreSQL. */
abstract class AuditScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;

  private static List<String> actions(Reply page) {
    List<String> actions = new ArrayList<>();
    page.json().get("items").forEach(event -> actions.add(event.get("action").asString()));
    return actions;
  }

  @Test
  void everyMutationIsAuditedNewestFirst() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    acme.api().patch("/api/v1/edge-sites/" + id, Map.of("name", "NYC HQ"));
    acme.api().delete("/api/v1/edge-sites/" + id);

    Reply page = acme.api().get("/api/v1/audit-events");

    assertThat(page.status()).isEqualTo(200);
    assertThat(actions(page))
        .containsExactly(
            "edge-site.delete",
            "edge-site.update",
            "edge-site.create",
            "api-token.create",
            "tenant.create");
    JsonNode newest = page.json().get("items").get(0);
    assertThat(newest.get("target").asString()).isEqualTo("edge-site:" + id);
    assertThat(newest.get("outcome").asString()).isEqualTo("success");
    assertThat(newest.get("actor").asString()).startsWith("token:");
    assertThat(newest.get("actorRole").asString()).isEqualTo("tenant_admin");
    assertThat(newest.get("tenantId").asString()).isEqualTo(acme.id());
    assertThat(newest.get("sourceAddress").asString()).isEqualTo("127.0.0.1");
    assertThat(newest.get("occurredAt").asString()).isNotBlank();
    assertThat(newest.get("details").get("slug").asString()).isEqualTo("nyc-office");
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAuditEvents() {
    TenantHandle acme = newTenant("acme");
    long before = jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single();

    assertThatThrownBy(() -> jdbc.sql("UPDATE audit_events SET outcome = 'success'").update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () ->
                jdbc.sql("DELETE FROM audit_events WHERE tenant_id = :t")
                    .param("t", UUID.fromString(acme.id()))
                    .update())
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("append-only");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single())
        .isEqualTo(before);
    assertThat(acme.api().get("/api/v1/audit-events").json().get("items").size()).isPositive();
  }

  @Test
  void aFailedAttemptIsAuditedAsAFailure() {
    TenantHandle acme = newTenant("acme");
    acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office"));
    acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office"));

    JsonNode newest =
        acme.api().get("/api/v1/audit-events?action=edge-site.create").json().get("items").get(0);

    assertThat(newest.get("outcome").asString()).isEqualTo("failure");
    assertThat(newest.get("details").get("reason").asString()).contains("already exists");
  }

  @Test
  void tenantsSeeOnlyTheirOwnEvents() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    globex.api().post("/api/v1/edge-sites", Map.of("name", "Berlin"));

    Reply acmeView = acme.api().get("/api/v1/audit-events?tenantId=" + globex.id() + "&limit=500");

    acmeView
        .json()
        .get("items")
        .forEach(event -> assertThat(event.get("tenantId").asString()).isEqualTo(acme.id()));
    assertThat(
            operator.get("/api/v1/audit-events?tenantId=" + globex.id()).json().get("items").size())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void eventsFilterByActionTargetAndTime() {
    TenantHandle acme = newTenant("acme");
    String nyc = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    acme.api().post("/api/v1/edge-sites", Map.of("name", "Chicago DC"));
    String future =
        URLEncoder.encode(
            OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString(), StandardCharsets.UTF_8);

    assertThat(actions(acme.api().get("/api/v1/audit-events?action=edge-site.create"))).hasSize(2);
    assertThat(actions(acme.api().get("/api/v1/audit-events?target=edge-site:" + nyc)))
        .containsExactly("edge-site.create");
    assertThat(actions(acme.api().get("/api/v1/audit-events?from=" + future))).isEmpty();
    assertThat(actions(acme.api().get("/api/v1/audit-events?to=" + future))).hasSize(4);
  }

  @Test
  void eventsFilterByActor() {
    TenantHandle acme = newTenant("acme");
    acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office"));
    String siteCreator =
        acme.api()
            .get("/api/v1/audit-events?action=edge-site.create")
            .json()
            .get("items")
            .get(0)
            .get("actor")
            .asString();

    assertThat(actions(acme.api().get("/api/v1/audit-events?actor=" + siteCreator)))
        .containsExactly("edge-site.create");
    assertThat(actions(acme.api().get("/api/v1/audit-events?actor=nobody"))).isEmpty();
  }

  @Test
  void pagesFollowTheCursor() {
    TenantHandle acme = newTenant("acme");
    acme.api().post("/api/v1/edge-sites", Map.of("name", "One"));
    acme.api().post("/api/v1/edge-sites", Map.of("name", "Two"));
    acme.api().post("/api/v1/edge-sites", Map.of("name", "Three"));

    Reply first = acme.api().get("/api/v1/audit-events?limit=2");
    Reply second =
        acme.api().get("/api/v1/audit-events?limit=2&before=" + first.text("nextBefore"));
    Reply third =
        acme.api().get("/api/v1/audit-events?limit=2&before=" + second.text("nextBefore"));

    assertThat(first.json().get("items").size()).isEqualTo(2);
    assertThat(second.json().get("items").size()).isEqualTo(2);
    assertThat(third.json().get("items").size()).isEqualTo(1);
    assertThat(third.json().get("nextBefore").isNull()).isTrue();
  }

  @Test
  void auditEventsCannotBeChangedOrDeleted() {
    TenantHandle acme = newTenant("acme");
    String eventId =
        acme.api().get("/api/v1/audit-events").json().get("items").get(0).get("id").asString();

    for (String method : List.of("PUT", "PATCH", "DELETE", "POST")) {
      Reply reply =
          acme.api().send(method, "/api/v1/audit-events/" + eventId, Map.of("outcome", "success"));
      assertThat(reply.status()).as(method).isIn(404, 405);
      assertThat(reply.isProblem()).as(method).isTrue();
    }
    assertThat(acme.api().get("/api/v1/audit-events").json().get("items").size()).isEqualTo(2);
  }
}
