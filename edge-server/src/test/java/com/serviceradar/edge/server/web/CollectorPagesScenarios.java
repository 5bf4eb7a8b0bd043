package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.PageSession;
import com.serviceradar.edge.server.support.PageSession.Page;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The collectors page over HTTP, signed in as tenant users: who may do what, what the list shows,
 * and how refusals look. Runs on H2 and PostgreSQL.
 */
abstract class CollectorPagesScenarios extends ApiTest {

  static final String PASSWORD = "correct horse battery";
  static final String SAAS_URL = "nats://nats.serviceradar.cloud:4222";

  /** A tenant user signed in to the pages. */
  PageSession user(TenantHandle tenant, String role) {
    String username = role.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    PageSession.createUser(operator, tenant.id(), username, PASSWORD, role);
    return PageSession.signIn(port, username, PASSWORD);
  }

  static String site(TenantHandle tenant, String name, String natsLeafUrl) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("natsLeafUrl", natsLeafUrl);
    ApiClient.Reply created = tenant.api().post("/api/v1/edge-sites", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  static String collector(TenantHandle tenant, String type, String name) {
    ApiClient.Reply created =
        tenant
            .api()
            .post("/api/v1/collector-packages", Map.of("collectorType", type, "name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** The table row of the collector named {@code name}. */
  static String row(Page page, String name) {
    Matcher row =
        Pattern.compile(
                "<tr data-collector-id=[^>]*>((?:(?!</tr>).)*" + Pattern.quote(name) + ".*?)</tr>",
                Pattern.DOTALL)
            .matcher(page.body());
    assertThat(row.find()).as("a row for " + name + " in " + page.body()).isTrue();
    return row.group(1);
  }

  static Page create(PageSession admin, String type, String name, String siteId) {
    admin.get("/admin/collectors");
    return admin.post(
        "/admin/collectors", Map.of("collectorType", type, "name", name, "edgeSiteId", siteId));
  }

  @Test
  void adminCreatesACollectorAtASiteAndOneForTheSaasAndSeesEachWithItsUrl() {
    TenantHandle acme = newTenant("acme");
    String nyc = site(acme, "NYC Office", "nats://10.0.1.50:4222");
    PageSession admin = user(acme, "tenant_admin");

    Page atSite = create(admin, "flowgger", "nyc-syslog", nyc);
    Page saas = create(admin, "trapd", "cloud-traps", "");

    assertThat(atSite.status()).isEqualTo(302);
    assertThat(atSite.location())
        .hasValueSatisfying(l -> assertThat(l).endsWith("/admin/collectors"));
    assertThat(saas.status()).isEqualTo(302);
    Page list = admin.get("/admin/collectors");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("Created collector package cloud-traps.");
    assertThat(row(list, "nyc-syslog"))
        .contains("flowgger")
        .contains("NYC Office")
        .contains("nats://10.0.1.50:4222")
        .contains("active");
    assertThat(row(list, "cloud-traps"))
        .contains("trapd")
        .contains("SaaS (no edge site)")
        .contains(SAAS_URL);
  }

  @Test
  void theSiteFilterShowsOneSitesCollectorsOrTheSaasOnes() {
    TenantHandle acme = newTenant("acme");
    String nyc = site(acme, "NYC Office", "nats://10.0.1.50:4222");
    PageSession admin = user(acme, "tenant_admin");
    create(admin, "netflow", "nyc-flows", nyc);
    create(admin, "otel", "cloud-otel", "");

    Page atNyc = admin.get("/admin/collectors?site=" + nyc);
    Page atSaas = admin.get("/admin/collectors?site=saas");

    assertThat(atNyc.body()).contains("nyc-flows</td>").doesNotContain("cloud-otel</td>");
    assertThat(atSaas.body()).contains("cloud-otel</td>").doesNotContain("nyc-flows</td>");
  }

  @Test
  void aSiteWithoutNatsLeafUrlIsRefusedOnTheSiteFieldWithoutAStackTrace() {
    TenantHandle acme = newTenant("acme");
    String bare = site(acme, "Bare Site", null);
    PageSession admin = user(acme, "tenant_admin");

    Page refused = create(admin, "flowgger", "lonely", bare);

    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.body())
        .containsPattern("id=\"edgeSiteId-error\"[^>]*>[^<]*has no natsLeafUrl")
        .containsPattern("id=\"edgeSiteId\"[^>]*aria-invalid=\"true\"")
        .doesNotContain("Exception")
        .doesNotContain("lonely</td>");
  }

  @Test
  void anUnknownTypeOrAnOverlongNameIsShownOnItsField() {
    TenantHandle acme = newTenant("acme");
    PageSession admin = user(acme, "tenant_admin");

    Page badType = create(admin, "telnet", "x", "");
    Page longName = create(admin, "otel", "n".repeat(201), "");

    assertThat(badType.status()).isEqualTo(200);
    assertThat(badType.body())
        .containsPattern(
            "id=\"collectorType-error\"[^>]*>Choose one of flowgger, trapd, netflow, otel");
    assertThat(longName.body()).containsPattern("id=\"name-error\"[^>]*>name is required \\(1-200");
  }

  @Test
  void viewerSeesTheListButCannotCreateDownloadOrRevoke() {
    TenantHandle acme = newTenant("acme");
    String id = collector(acme, "flowgger", "viewed");
    PageSession viewer = user(acme, "tenant_viewer");

    Page list = viewer.get("/admin/collectors");
    Page create =
        viewer.post("/admin/collectors", Map.of("collectorType", "otel", "edgeSiteId", ""));
    Page download = viewer.post("/admin/collectors/" + id + "/bundle", Map.of());
    Page revoke = viewer.post("/admin/collectors/" + id + "/revoke", Map.of("confirmed", "true"));

    assertThat(list.status()).isEqualTo(200);
    assertThat(row(list, "viewed"))
        .contains("flowgger")
        .doesNotContain("Download")
        .doesNotContain("Revoke");
    assertThat(list.body()).doesNotContain("Create a collector package");
    for (Page refused : new Page[] {create, download, revoke}) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("text/html");
      assertThat(refused.body())
          .contains("Not allowed")
          .contains("Your role may not open this page");
    }
    assertThat(acme.api().get("/api/v1/collector-packages/" + id).text("status"))
        .isEqualTo("active");
  }

  @Test
  void adminDownloadsTheBundleAndRevokesAfterConfirming() {
    TenantHandle acme = newTenant("acme");
    String id = collector(acme, "flowgger", "to-revoke");
    PageSession admin = user(acme, "tenant_admin");
    admin.get("/admin/collectors");

    Page bundle = admin.post("/admin/collectors/" + id + "/bundle", Map.of());
    Page confirm = admin.post("/admin/collectors/" + id + "/revoke", Map.of());
    String statusBeforeConfirming =
        acme.api().get("/api/v1/collector-packages/" + id).text("status");
    Page revoked = admin.post("/admin/collectors/" + id + "/revoke", Map.of("confirmed", "true"));

    assertThat(bundle.status()).isEqualTo(200);
    assertThat(bundle.contentType()).isEqualTo("application/gzip");
    assertThat(confirm.status()).isEqualTo(200);
    assertThat(confirm.body()).contains("Revoke for good").contains("to-revoke");
    assertThat(statusBeforeConfirming).isEqualTo("active");
    assertThat(revoked.status()).isEqualTo(302);
    assertThat(acme.api().get("/api/v1/collector-packages/" + id).text("status"))
        .isEqualTo("revoked");
    assertThat(row(admin.get("/admin/collectors"), "to-revoke"))
        .contains("revoked")
        .doesNotContain("Download");
  }

  @Test
  void anotherTenantsCollectorIsNotFound() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    String acmes = collector(acme, "flowgger", "acme-only");
    PageSession intruder = user(globex, "tenant_admin");
    intruder.get("/admin/collectors");

    Page download = intruder.post("/admin/collectors/" + acmes + "/bundle", Map.of());
    Page revoke =
        intruder.post("/admin/collectors/" + acmes + "/revoke", Map.of("confirmed", "true"));
    Page list = intruder.get("/admin/collectors");

    assertThat(download.status()).isEqualTo(404);
    assertThat(download.body()).contains("Not found").contains("no collector package " + acmes);
    assertThat(revoke.status()).isEqualTo(404);
    assertThat(list.body()).doesNotContain("acme-only");
    assertThat(acme.api().get("/api/v1/collector-packages/" + acmes).text("status"))
        .isEqualTo("active");
  }
}
