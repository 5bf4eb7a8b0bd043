package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How the monitor's two sources of a disconnect, the hub's DISCONNECT and reconciliation, meet. */
abstract class SiteHealthScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;
  @Autowired SiteHealth health;

  @Test
  void theHubsReasonReplacesReconciliationsWhenItsDisconnectIsHandledSecond() {
    TenantHandle tenant = newTenant("health");
    String siteId = newSite(tenant);
    String user = leafUser(siteId);
    OffsetDateTime connected = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    assertThat(health.connected(user, connected)).isPresent();

    OffsetDateTime dropped = connected.plusSeconds(30);
    health.disconnected(user, dropped.plusSeconds(1), SiteHealth.NOT_LISTED_BY_HUB);
    health.linkClosed(user, dropped, "Stale Connection", connected);
    health.linkClosed(user, dropped.plusSeconds(5), "Read Error", connected);

    Reply site = tenant.api().get("/api/v1/edge-sites/" + siteId);
    assertThat(site.json().path("leafServer").path("status").asString()).isEqualTo("disconnected");
    assertThat(site.json().path("leafServer").path("lastDisconnectReason").asString())
        .as("refined once, by the first DISCONNECT handled after reconciliation")
        .isEqualTo("Stale Connection");
  }

  private static String newSite(TenantHandle tenant) {
    Reply created = tenant.api().post("/api/v1/edge-sites", Map.of("name", "Site health"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  private String leafUser(String siteId) {
    return jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
        .param("id", UUID.fromString(siteId))
        .query(String.class)
        .single();
  }
}
