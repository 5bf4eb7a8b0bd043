package com.serviceradar.edge.server.collector;

import static com.serviceradar.edge.server.collector.CollectorBundles.config;
import static com.serviceradar.edge.server.collector.CollectorBundles.download;
import static com.serviceradar.edge.server.collector.CollectorBundles.userClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.names.UserTags;
import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The collector-package API of issue [E5] and its seed scenarios; run on H2 and PostgreSQL. */
abstract class CollectorPackageScenarios extends ApiTest {

  private static final String SAAS = "nats://nats.serviceradar.cloud:4222";

  @Autowired JdbcClient jdbc;

  private static String site(ApiClient api, String name, String slug, String natsLeafUrl) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("slug", slug);
    body.put("natsLeafUrl", natsLeafUrl);
    Reply created = api.post("/api/v1/edge-sites", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  private static Reply create(ApiClient api, String type, String siteId, String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("collectorType", type);
    if (siteId != null) {
      body.put("edgeSiteId", siteId);
    }
    if (name != null) {
      body.put("name", name);
    }
    return api.post("/api/v1/collector-packages", body);
  }

  private static String created(ApiClient api, String type, String siteId, String name) {
    Reply reply = create(api, type, siteId, name);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.text("id");
  }

  private static List<String> names(Reply list) {
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    list.json().forEach(node -> names.add(node.get("name").asString()));
    return names;
  }

  private String checksumOf(ApiClient api, String siteId) {
    return api.get("/api/v1/edge-sites/" + siteId)
        .json()
        .get("leafServer")
        .get("configChecksum")
        .asString();
  }

  private List<String> auditActions(String target) {
    return jdbc.sql(
            "SELECT action || ':' || outcome FROM audit_events WHERE target = :t ORDER BY id")
        .param("t", target)
        .query(String.class)
        .list();
  }

  @Test
  void createCollectorForEdgeSite() throws Exception {
    TenantHandle acme = newTenant("acme");
    String nyc = site(acme.api(), "NYC Office", "nyc-office", "nats://10.0.1.50:4222");

    Reply reply = create(acme.api(), "flowgger", nyc, "flowgger-1");

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    JsonNode json = reply.json();
    String id = json.get("id").asString();
    assertThat(json.propertyNames())
        .containsExactlyInAnyOrder(
            "id",
            "tenantId",
            "edgeSiteId",
            "collectorType",
            "name",
            "natsUrl",
            "status",
            "createdAt");
    assertThat(json.get("tenantId").asString()).isEqualTo(acme.id());
    assertThat(json.get("edgeSiteId").asString()).isEqualTo(nyc);
    assertThat(json.get("collectorType").asString()).isEqualTo("flowgger");
    assertThat(json.get("natsUrl").asString()).isEqualTo("nats://10.0.1.50:4222");
    assertThat(json.get("status").asString()).isEqualTo("active");
    assertThat(reply.body()).doesNotContain("-----BEGIN").doesNotContain("\"SU");

    Map<String, String> files = download(acme.api(), id);
    assertThat(files.keySet())
        .containsExactlyInAnyOrder(
            "creds/nats.creds",
            "certs/collector.pem",
            "certs/collector-key.pem",
            "certs/ca-chain.pem",
            "config/flowgger.json",
            "README.md",
            "MANIFEST.sha256");
    JsonNode config = config(files, "flowgger");
    assertThat(config.get("nats_url").asString()).isEqualTo("nats://10.0.1.50:4222");
    assertThat(config.get("fallback_servers").get(0).asString()).isEqualTo(SAAS);
    assertThat(config.get("creds_file").asString()).isEqualTo("creds/nats.creds");

    String id8 = id.substring(0, 8);
    JsonNode jetstream = config.get("jetstream");
    assertThat(jetstream.get("domain").asString()).isEqualTo("edge-nyc-office");
    assertThat(jetstream.get("stream").asString()).isEqualTo("EDGE_BUFFER");
    assertThat(jetstream.get("msg_id_pattern").asString())
        .isEqualTo("nyc-office/flowgger-" + id8 + "/{seq}");
    assertThat(jetstream.get("forbidden_header_prefix").asString()).isEqualTo("Nats-Expected-");
    JsonNode claims = userClaims(files.get("creds/nats.creds"));
    assertThat(claims.get("name").asString()).isEqualTo("flowgger-" + id8);
    JsonNode nats = claims.get("nats");
    assertThat(nats.get("tags").toString())
        .contains(
            UserTags.collector("flowgger"),
            UserTags.tenant(TenantSlug.of(acme.slug())),
            UserTags.edgeSite(UUID.fromString(nyc)));
    assertThat(nats.get("pub").get("allow").toString())
        .contains("events.>", "snmp.>", "syslog.>", "netflow.>", "otel.>", "logs.>", "telemetry.>");
    assertThat(nats.get("sub").get("allow").toString()).isEqualTo("[\"_INBOX.>\"]");

    X509Certificate certificate = Pem.decodeCertificate(files.get("certs/collector.pem"));
    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=flowgger-" + id8 + ".nyc-office." + acme.slug() + ".serviceradar");
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(auditActions("collector-package:" + id))
        .containsExactly(
            "collector-package.create:success", "collector-package.bundle-download:success");
  }

  @Test
  void createCollectorWithoutEdgeSite() {
    TenantHandle acme = newTenant("acme");

    Reply reply = create(acme.api(), "trapd", null, null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String id = reply.text("id");
    assertThat(reply.json().get("edgeSiteId").isNull()).isTrue();
    assertThat(reply.text("name")).isEqualTo("trapd-" + id.substring(0, 8));
    assertThat(reply.text("natsUrl")).isEqualTo(SAAS);
    Map<String, String> files = download(acme.api(), id);
    JsonNode config = config(files, "trapd");
    assertThat(config.get("nats_url").asString()).isEqualTo(SAAS);
    assertThat(config.get("fallback_servers").isEmpty()).isTrue();
    JsonNode jetstream = config.get("jetstream");
    assertThat(jetstream.get("domain").asString()).isEqualTo("hub");
    assertThat(jetstream.get("stream").asString()).isEqualTo("EDGE_INGEST");
    assertThat(jetstream.get("msg_id_pattern").asString())
        .isEqualTo("hub/trapd-" + id.substring(0, 8) + "/{seq}");
    assertThat(Pem.decodeCertificate(files.get("certs/collector.pem")).getSubjectX500Principal())
        .hasToString(
            "CN=trapd-" + id.substring(0, 8) + ".default." + acme.slug() + ".serviceradar");
  }

  @Test
  void listCollectorsByEdgeSite() {
    TenantHandle acme = newTenant("acme");
    String nyc = site(acme.api(), "NYC Office", "nyc-office", "nats://10.0.1.50:4222");
    String chicago = site(acme.api(), "Chicago DC", "chicago-dc", "nats://10.0.2.50:4222");
    created(acme.api(), "flowgger", nyc, "flowgger-1");
    created(acme.api(), "trapd", nyc, "trapd-1");
    created(acme.api(), "netflow", chicago, "netflow-1");
    created(acme.api(), "otel", null, "otel-1");

    assertThat(names(acme.api().get("/api/v1/collector-packages?edgeSiteId=" + nyc)))
        .containsExactlyInAnyOrder("flowgger-1", "trapd-1");
    assertThat(names(acme.api().get("/api/v1/collector-packages")))
        .containsExactlyInAnyOrder("flowgger-1", "trapd-1", "netflow-1", "otel-1");
    TenantHandle globex = newTenant("globex");
    assertThat(names(globex.api().get("/api/v1/collector-packages?edgeSiteId=" + nyc))).isEmpty();
  }

  @Test
  void aSiteWithoutLeafUrlIsRefusedWithoutFallingBack() {
    TenantHandle acme = newTenant("acme");
    String site = site(acme.api(), "Lab", "lab", null);

    Reply reply = create(acme.api(), "flowgger", site, null);

    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.isProblem()).isTrue();
    assertThat(reply.text("detail")).contains("lab").contains("natsLeafUrl");
    assertThat(names(acme.api().get("/api/v1/collector-packages"))).isEmpty();
  }

  @Test
  void anUnknownTypeIsRefused() {
    TenantHandle acme = newTenant("acme");

    Reply reply = create(acme.api(), "snmp", null, null);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.text("detail")).contains("flowgger");
  }

  @Test
  void anotherTenantsPackagesAndSitesAreNotFound() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    String berlin = site(globex.api(), "Berlin", "berlin", "nats://10.9.0.1:4222");
    String id = created(globex.api(), "otel", berlin, null);

    assertThat(acme.api().get("/api/v1/collector-packages/" + id).status()).isEqualTo(404);
    assertThat(acme.api().download("/api/v1/collector-packages/" + id + "/bundle").statusCode())
        .isEqualTo(404);
    assertThat(acme.api().delete("/api/v1/collector-packages/" + id).status()).isEqualTo(404);
    assertThat(create(acme.api(), "otel", berlin, null).status()).isEqualTo(404);
    assertThat(globex.api().get("/api/v1/collector-packages/" + id).text("status"))
        .isEqualTo("active");
  }

  @Test
  void aDeletedSitesPackageFallsBackToTheSaas() {
    TenantHandle acme = newTenant("acme");
    String nyc = site(acme.api(), "NYC Office", "nyc-office", "nats://10.0.1.50:4222");
    String id = created(acme.api(), "flowgger", nyc, "flowgger-1");

    assertThat(acme.api().delete("/api/v1/edge-sites/" + nyc).status()).isEqualTo(204);

    Reply shown = acme.api().get("/api/v1/collector-packages/" + id);
    assertThat(shown.json().get("edgeSiteId").isNull()).isTrue();
    assertThat(shown.text("natsUrl")).isEqualTo(SAAS);
    assertThat(config(download(acme.api(), id), "flowgger").get("nats_url").asString())
        .isEqualTo(SAAS);
  }

  @Test
  void revokingRevokesTheUserAndOutdatesEverySiteOfTheTenant() {
    TenantHandle acme = newTenant("acme");
    String nyc = site(acme.api(), "NYC Office", "nyc-office", "nats://10.0.1.50:4222");
    String chicago = site(acme.api(), "Chicago DC", "chicago-dc", null);
    String id = created(acme.api(), "flowgger", nyc, "flowgger-1");
    String userKey =
        userClaims(download(acme.api(), id).get("creds/nats.creds")).get("sub").asString();
    String nycBefore = checksumOf(acme.api(), nyc);
    String chicagoBefore = checksumOf(acme.api(), chicago);

    assertThat(acme.api().delete("/api/v1/collector-packages/" + id).status()).isEqualTo(204);

    assertThat(acme.api().get("/api/v1/collector-packages/" + id).text("status"))
        .isEqualTo("revoked");
    String accountJwt =
        jdbc.sql("SELECT jwt FROM nats_accounts WHERE tenant_id = :id")
            .param("id", UUID.fromString(acme.id()))
            .query(String.class)
            .single();
    assertThat(
            CollectorBundles.JSON
                .readTree(java.util.Base64.getUrlDecoder().decode(accountJwt.split("\\.")[1]))
                .get("nats")
                .get("revocations")
                .has(userKey))
        .isTrue();
    assertThat(checksumOf(acme.api(), nyc)).isNotEqualTo(nycBefore);
    assertThat(checksumOf(acme.api(), chicago)).isNotEqualTo(chicagoBefore);
    assertThat(acme.api().download("/api/v1/collector-packages/" + id + "/bundle").statusCode())
        .isEqualTo(409);
    assertThat(acme.api().delete("/api/v1/collector-packages/" + id).status()).isEqualTo(409);
    assertThat(auditActions("collector-package:" + id))
        .contains("collector-package.revoke:success", "collector-package.revoke:failure");
  }

  @Test
  void viewersListButNeitherDownloadNorChange() {
    TenantHandle acme = newTenant("acme");
    String id = created(acme.api(), "otel", null, "otel-1");
    String token =
        operator
            .post(
                "/api/v1/tenants/" + acme.id() + "/api-tokens",
                Map.of("name", "viewer", "role", "tenant_viewer"))
            .text("token");
    ApiClient viewer = operator.as(token);

    assertThat(names(viewer.get("/api/v1/collector-packages"))).containsExactly("otel-1");
    assertThat(viewer.get("/api/v1/collector-packages/" + id).status()).isEqualTo(200);
    assertThat(viewer.download("/api/v1/collector-packages/" + id + "/bundle").statusCode())
        .isEqualTo(403);
    assertThat(create(viewer, "otel", null, null).status()).isEqualTo(403);
    assertThat(viewer.delete("/api/v1/collector-packages/" + id).status()).isEqualTo(403);
  }

  @Test
  void consumerCredsAreIssuedOnceToOperatorsAndAudited() {
    TenantHandle acme = newTenant("acme");

    Reply reply = operator.post("/api/v1/tenants/" + acme.id() + "/consumer-creds", Map.of());

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String userKey = reply.text("userPublicKey");
    JsonNode claims = userClaims(reply.text("creds"));
    assertThat(claims.get("sub").asString()).isEqualTo(userKey);
    assertThat(claims.get("nats").get("sub").get("allow").toString())
        .contains("events.>", "telemetry.>", "_INBOX.>");
    // It reads EDGE_INGEST through consumers of its own, and publishes nothing else.
    assertThat(claims.get("nats").get("pub").get("allow").toString())
        .contains(
            "\"_INBOX.>\"",
            "\"$JS.API.STREAM.INFO.EDGE_INGEST\"",
            "\"$JS.API.CONSUMER.CREATE.EDGE_INGEST.>\"",
            "\"$JS.ACK.EDGE_INGEST.>\"")
        .doesNotContain("events.", "$JS.API.STREAM.CREATE", "$JS.API.STREAM.DELETE");
    assertThat(
            jdbc.sql(
                    "SELECT details FROM audit_events WHERE action = 'tenant.consumer-creds' AND tenant_id = :t")
                .param("t", UUID.fromString(acme.id()))
                .query(String.class)
                .single())
        .contains(userKey)
        .doesNotContain(seedOf(reply.text("creds")));
    assertThat(
            acme.api().post("/api/v1/tenants/" + acme.id() + "/consumer-creds", Map.of()).status())
        .isEqualTo(403);
    assertThat(
            operator
                .post("/api/v1/tenants/" + UUID.randomUUID() + "/consumer-creds", Map.of())
                .status())
        .isEqualTo(404);
  }

  /** The seed of a .creds text. */
  private static String seedOf(String creds) {
    return new String(Creds.parse(creds).seed().reveal());
  }
}
