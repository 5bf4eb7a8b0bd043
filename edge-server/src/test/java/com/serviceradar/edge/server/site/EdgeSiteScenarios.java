package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The edge-site API as ARCHITECTURE.md and the seed scenarios describe it; run on H2 and
 * PostgreSQL.
 */
abstract class EdgeSiteScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;

  private static Map<String, Object> site(String name, String slug) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("slug", slug);
    return body;
  }

  @Test
  void createEdgeSite() {
    TenantHandle acme = newTenant("acme");

    Reply created = acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.get("name").asString()).isEqualTo("NYC Office");
    assertThat(json.get("slug").asString()).isEqualTo("nyc-office");
    assertThat(json.get("status").asString()).isEqualTo("pending");
    assertThat(json.get("tenantId").asString()).isEqualTo(acme.id());
    assertThat(json.propertyNames())
        .containsExactlyInAnyOrder(
            "id",
            "tenantId",
            "name",
            "slug",
            "status",
            "natsLeafUrl",
            "lastSeenAt",
            "leafServer",
            "conditions",
            "buffer");
    JsonNode buffer = json.get("buffer");
    assertThat(buffer.propertyNames())
        .containsExactlyInAnyOrder(
            "maxAgeSeconds",
            "maxBytes",
            "messages",
            "bytes",
            "percentFull",
            "oldestAt",
            "undeliveredToHub",
            "lastDeliveredAt",
            "observedAt");
    assertThat(buffer.get("maxAgeSeconds").asLong()).isEqualTo(7 * 24 * 3600);
    assertThat(buffer.get("maxBytes").asLong()).isEqualTo(1L << 30);
    assertThat(buffer.get("observedAt").isNull()).isTrue();
    assertThat(buffer.get("undeliveredToHub").isNull()).isTrue();
    JsonNode leaf = json.get("leafServer");
    assertThat(leaf.propertyNames())
        .containsExactlyInAnyOrder(
            "status",
            "serverName",
            "upstreamUrl",
            "localListen",
            "configChecksum",
            "certExpiresAt",
            "connectedAt",
            "disconnectedAt",
            "lastDisconnectReason");
    assertThat(leaf.get("status").asString()).isEqualTo("provisioned");
    assertThat(leaf.get("serverName").asString())
        .isEqualTo(LeafNames.serverName(TenantSlug.of(acme.slug()), SiteSlug.of("nyc-office")));
    assertThat(leaf.get("upstreamUrl").asString()).isEqualTo("tls://nats.serviceradar.cloud:7422");
    assertThat(leaf.get("localListen").asString()).isEqualTo("0.0.0.0:4222");
    assertThat(leaf.get("configChecksum").asString()).matches("[0-9a-f]{64}");
    assertThat(OffsetDateTime.parse(leaf.get("certExpiresAt").asString()))
        .isBetween(OffsetDateTime.now().plusDays(364), OffsetDateTime.now().plusDays(366));
    assertThat(json.get("conditions").isArray()).isTrue();
    assertThat(created.body()).doesNotContain("-----BEGIN").doesNotContain("\"SU");

    UUID siteId = UUID.fromString(json.get("id").asString());
    assertThat(
            jdbc.sql("SELECT status FROM nats_leaf_servers WHERE edge_site_id = :id")
                .param("id", siteId)
                .query(String.class)
                .list())
        .containsExactly("provisioned");
  }

  @Test
  void slugIsDerivedFromTheNameWhenAbsent() {
    TenantHandle acme = newTenant("acme");

    Reply created = acme.api().post("/api/v1/edge-sites", Map.of("name", "  Zürich DC #2 "));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("slug")).isEqualTo("zurich-dc-2");
    assertThat(created.text("name")).isEqualTo("Zürich DC #2");
  }

  @Test
  void invalidSlugIsRejected() {
    TenantHandle acme = newTenant("acme");

    Reply reply = acme.api().post("/api/v1/edge-sites", site("NYC", "NYC_Office"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.isProblem()).isTrue();
    assertThat(reply.text("detail")).contains("slug");
  }

  @Test
  void duplicateSlugInSameTenantIsRejected() {
    TenantHandle acme = newTenant("acme");
    assertThat(acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).status())
        .isEqualTo(201);

    Reply duplicate = acme.api().post("/api/v1/edge-sites", site("New York", "nyc-office"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.isProblem()).isTrue();
    assertThat(duplicate.text("detail")).contains("nyc-office");
  }

  @Test
  void sameSlugInAnotherTenantIsAccepted() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    assertThat(acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).status())
        .isEqualTo(201);

    assertThat(globex.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).status())
        .isEqualTo(201);
  }

  @Test
  void listTenantEdgeSites() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office"));
    acme.api().post("/api/v1/edge-sites", site("Chicago DC", "chicago-dc"));
    String globexSite =
        globex.api().post("/api/v1/edge-sites", site("Berlin", "berlin")).text("id");

    Reply list = acme.api().get("/api/v1/edge-sites");

    assertThat(list.status()).isEqualTo(200);
    List<String> slugs = new ArrayList<>();
    list.json().forEach(node -> slugs.add(node.get("slug").asString()));
    assertThat(slugs).containsExactlyInAnyOrder("nyc-office", "chicago-dc");
    assertThat(acme.api().get("/api/v1/edge-sites/" + globexSite).status()).isEqualTo(404);
  }

  @Test
  void anotherTenantsSiteCannotBeChangedOrDeleted() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    String globexSite =
        globex.api().post("/api/v1/edge-sites", site("Berlin", "berlin")).text("id");

    Reply patch = acme.api().patch("/api/v1/edge-sites/" + globexSite, Map.of("name", "mine now"));
    Reply delete = acme.api().delete("/api/v1/edge-sites/" + globexSite);

    assertThat(patch.status()).isEqualTo(404);
    assertThat(patch.isProblem()).isTrue();
    assertThat(delete.status()).isEqualTo(404);
    assertThat(globex.api().get("/api/v1/edge-sites/" + globexSite).text("name"))
        .isEqualTo("Berlin");
  }

  @Test
  void concurrentCreatesOfOneSlugMakeExactlyOneSite() throws Exception {
    TenantHandle acme = newTenant("acme");
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      attempts.add(
          () -> acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).status());
    }

    List<Integer> statuses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      for (Future<Integer> result : pool.invokeAll(attempts)) {
        statuses.add(result.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
    assertThat(statuses).filteredOn(status -> status == 409).hasSize(19);
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM edge_sites WHERE tenant_id = :tenant AND slug = 'nyc-office'")
                .param("tenant", UUID.fromString(acme.id()))
                .query(Long.class)
                .single())
        .isEqualTo(1L);
  }

  @Test
  void patchChangesNameAndLeafUrl() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).text("id");

    Reply patched =
        acme.api()
            .patch(
                "/api/v1/edge-sites/" + id,
                Map.of("name", "NYC HQ", "natsLeafUrl", "nats://10.0.0.5:4222"));

    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.text("name")).isEqualTo("NYC HQ");
    assertThat(patched.text("natsLeafUrl")).isEqualTo("nats://10.0.0.5:4222");
    assertThat(patched.text("slug")).isEqualTo("nyc-office");
    assertThat(acme.api().get("/api/v1/edge-sites/" + id).text("name")).isEqualTo("NYC HQ");
  }

  @Test
  void patchWithNullClearsTheLeafUrl() {
    TenantHandle acme = newTenant("acme");
    Map<String, Object> body = site("NYC Office", "nyc-office");
    body.put("natsLeafUrl", "tls://leaf.nyc.example.com:4222");
    String id = acme.api().post("/api/v1/edge-sites", body).text("id");

    Map<String, Object> clear = new HashMap<>();
    clear.put("natsLeafUrl", null);
    Reply patched = acme.api().patch("/api/v1/edge-sites/" + id, clear);

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().get("natsLeafUrl").isNull()).as(patched.body()).isTrue();
    assertThat(patched.text("name")).isEqualTo("NYC Office");
  }

  @Test
  void slugCannotBeChanged() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).text("id");

    Reply patched = acme.api().patch("/api/v1/edge-sites/" + id, Map.of("slug", "new-york"));

    assertThat(patched.status()).isEqualTo(400);
    assertThat(patched.text("detail")).contains("slug cannot be changed");
    assertThat(acme.api().get("/api/v1/edge-sites/" + id).text("slug")).isEqualTo("nyc-office");
  }

  @Test
  void leafUrlMustBeNatsOrTlsWithHostAndPort() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).text("id");

    for (String bad :
        List.of(
            "http://leaf:4222", "tls://leaf", "nats://:4222", "leaf:4222", "tls://leaf:99999")) {
      Reply patched = acme.api().patch("/api/v1/edge-sites/" + id, Map.of("natsLeafUrl", bad));
      assertThat(patched.status()).as(bad).isEqualTo(400);
      assertThat(patched.text("detail")).as(bad).startsWith("natsLeafUrl");
    }
    assertThat(acme.api().get("/api/v1/edge-sites/" + id).json().get("natsLeafUrl").isNull())
        .isTrue();
  }

  @Test
  void deleteRemovesTheSiteAndItsLeafServer() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).text("id");

    assertThat(acme.api().delete("/api/v1/edge-sites/" + id).status()).isEqualTo(204);

    assertThat(acme.api().get("/api/v1/edge-sites/" + id).status()).isEqualTo(404);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM nats_leaf_servers WHERE edge_site_id = :id")
                .param("id", UUID.fromString(id))
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void bufferLimitsChangeAndShowInTheSiteAndItsTimeline() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).text("id");

    Reply changed =
        acme.api()
            .send(
                "PUT",
                "/api/v1/edge-sites/" + id + "/buffer",
                Map.of("maxAgeSeconds", 86_400, "maxBytes", 268_435_456));

    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().get("buffer").get("maxAgeSeconds").asLong()).isEqualTo(86_400);
    assertThat(changed.json().get("buffer").get("maxBytes").asLong()).isEqualTo(268_435_456);
    assertThat(
            acme.api()
                .get("/api/v1/edge-sites/" + id)
                .json()
                .get("buffer")
                .get("maxBytes")
                .asLong())
        .isEqualTo(268_435_456);
    assertThat(acme.api().get("/api/v1/edge-sites/" + id + "/events").body())
        .contains("buffer-settings");
  }

  @Test
  void bufferLimitsOutOfRangeOrMissingAreRefusedNamingTheField() {
    TenantHandle acme = newTenant("acme");
    String id = acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office")).text("id");
    String path = "/api/v1/edge-sites/" + id + "/buffer";

    Reply tooSmall = acme.api().send("PUT", path, Map.of("maxAgeSeconds", 3600, "maxBytes", 1024));
    Reply tooOld =
        acme.api().send("PUT", path, Map.of("maxAgeSeconds", 400L * 86_400, "maxBytes", 1L << 30));
    Reply missing = acme.api().send("PUT", path, Map.of("maxBytes", 1L << 30));
    Reply wrongType =
        acme.api().sendRaw("PUT", path, "{\"maxAgeSeconds\":\"a week\",\"maxBytes\":1}");

    assertThat(tooSmall.status()).isEqualTo(400);
    assertThat(tooSmall.text("detail")).startsWith("maxBytes");
    assertThat(tooOld.status()).isEqualTo(400);
    assertThat(tooOld.text("detail")).startsWith("maxAgeSeconds");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.text("detail")).startsWith("maxAgeSeconds");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.isProblem()).isTrue();
    assertThat(
            acme.api()
                .get("/api/v1/edge-sites/" + id)
                .json()
                .get("buffer")
                .get("maxBytes")
                .asLong())
        .isEqualTo(1L << 30);
  }

  @Test
  void anotherTenantsSiteBufferCannotBeChanged() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    String globexSite =
        globex.api().post("/api/v1/edge-sites", site("Berlin", "berlin")).text("id");

    Reply put =
        acme.api()
            .send(
                "PUT",
                "/api/v1/edge-sites/" + globexSite + "/buffer",
                Map.of("maxAgeSeconds", 3600, "maxBytes", 65_536));

    assertThat(put.status()).isEqualTo(404);
    assertThat(
            globex
                .api()
                .get("/api/v1/edge-sites/" + globexSite)
                .json()
                .get("buffer")
                .get("maxBytes")
                .asLong())
        .isEqualTo(1L << 30);
  }

  @Test
  void viewerMayReadButNotChangeSites() {
    TenantHandle acme = newTenant("acme");
    acme.api().post("/api/v1/edge-sites", site("NYC Office", "nyc-office"));
    String viewerToken =
        operator
            .post(
                "/api/v1/tenants/" + acme.id() + "/api-tokens",
                Map.of("name", "dashboards", "role", "tenant_viewer"))
            .text("token");

    assertThat(operator.as(viewerToken).get("/api/v1/edge-sites").json().size()).isEqualTo(1);
    Reply create =
        operator.as(viewerToken).post("/api/v1/edge-sites", site("Chicago DC", "chicago-dc"));
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.isProblem()).isTrue();
  }

  @Test
  void platformOperatorTokenHasNoTenantSites() {
    Reply reply = operator.get("/api/v1/edge-sites");

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.isProblem()).isTrue();
  }
}
