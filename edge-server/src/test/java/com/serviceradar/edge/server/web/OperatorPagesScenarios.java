package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.PageSession;
import com.serviceradar.edge.server.support.PageSession.Page;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The platform operator's pages (fleet, users, audit log) and the tenant's audit log over HTTP: who
 * may open them, inline form errors, filters and paging. Runs on H2 and PostgreSQL.
 */
abstract class OperatorPagesScenarios extends ApiTest {

  static final String PASSWORD = "correct horse battery";
  private static final Pattern OLDER = Pattern.compile("id=\"older\"\\s+href=\"([^\"]+)\"");

  String newUsername(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  PageSession platformOperator() {
    String username = newUsername("root");
    PageSession.createUser(operator, null, username, PASSWORD, "platform_operator");
    return PageSession.signIn(port, username, PASSWORD);
  }

  PageSession tenantUser(TenantHandle tenant, String username) {
    PageSession.createUser(operator, tenant.id(), username, PASSWORD, "tenant_admin");
    return PageSession.signIn(port, username, PASSWORD);
  }

  static int rows(Page page) {
    return (int) Pattern.compile("data-event-id=").matcher(page.body()).results().count();
  }

  static Page createUser(PageSession session, Map<String, String> form) {
    session.get("/operator/users");
    return session.post("/operator/users", form);
  }

  @Test
  void aTenantAdminGetsTheNotAllowedPageOnOperatorPages() {
    PageSession admin = tenantUser(newTenant("acme"), newUsername("admin"));

    for (String path : List.of("/operator/fleet", "/operator/users", "/operator/audit")) {
      Page refused = admin.get(path);

      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("text/html");
      assertThat(refused.body())
          .contains("Not allowed")
          .contains("Your role may not open this page");
    }
    admin.get("/admin/collectors");
    assertThat(
            admin
                .post(
                    "/operator/users",
                    Map.of("tenantId", UUID.randomUUID().toString(), "username", "sneaky"))
                .status())
        .isEqualTo(403);
  }

  @Test
  void theOperatorCreatesATenantAdminWhoCanSignIn() {
    TenantHandle acme = newTenant("acme");
    PageSession root = platformOperator();
    String username = newUsername("alice");

    Page created =
        createUser(
            root,
            Map.of(
                "tenantId",
                acme.id(),
                "username",
                username,
                "password",
                "a long enough password",
                "role",
                "tenant_admin"));

    assertThat(created.status()).isEqualTo(302);
    Page list = root.get("/operator/users");
    assertThat(list.body()).contains("Created tenant admin " + username + " for acme.");
    assertThat(list.body())
        .containsPattern(
            Pattern.compile(
                "data-tenant=\"" + acme.slug() + "\"(?:(?!</table>).)*" + username,
                Pattern.DOTALL));
    PageSession alice = PageSession.signIn(port, username, "a long enough password");
    assertThat(alice.get("/admin/collectors").status()).isEqualTo(200);
  }

  @Test
  void userFormErrorsAreShownOnTheirFieldsAndThePasswordIsNeverEchoed() {
    TenantHandle acme = newTenant("acme");
    PageSession root = platformOperator();
    String taken = newUsername("taken");
    tenantUser(acme, taken);

    Page shortPassword =
        createUser(
            root,
            Map.of(
                "tenantId",
                acme.id(),
                "username",
                newUsername("bob"),
                "password",
                "tiny-secret",
                "role",
                "tenant_viewer"));
    Page duplicate =
        createUser(
            root,
            Map.of(
                "tenantId",
                acme.id(),
                "username",
                taken,
                "password",
                "another long secret",
                "role",
                "tenant_admin"));
    Page noTenant =
        createUser(
            root,
            Map.of(
                "tenantId", "",
                "username", newUsername("carol"),
                "password", "yet another long secret",
                "role", "tenant_admin"));

    assertThat(shortPassword.status()).isEqualTo(200);
    assertThat(shortPassword.body())
        .containsPattern("id=\"password-error\"[^>]*>password must be 12 to 72 bytes long")
        .doesNotContain("tiny-secret");
    assertThat(duplicate.body())
        .containsPattern(
            "id=\"username-error\"[^>]*>a user named &#39;" + taken + "&#39; already exists")
        .doesNotContain("another long secret");
    assertThat(noTenant.body())
        .containsPattern("id=\"tenantId-error\"[^>]*>Choose the user&#39;s tenant.")
        .doesNotContain("yet another long secret");
  }

  @Test
  void theAuditLogFiltersByActionAndActorAndPagesOlderByCursor() {
    TenantHandle acme = newTenant("acme");
    String admin = newUsername("auditor");
    PageSession acmeAdmin = tenantUser(acme, admin);
    // 52 refused site registrations: each is audited as a failed edge-site.create.
    for (int i = 0; i < AuditPages.PAGE_SIZE + 2; i++) {
      acme.api().post("/api/v1/edge-sites", Map.of("name", ""));
    }
    acmeAdmin.get("/admin/collectors");
    acmeAdmin.post(
        "/admin/collectors", Map.of("collectorType", "otel", "name", "audited", "edgeSiteId", ""));
    PageSession root = platformOperator();

    Page first = root.get("/operator/audit?tenant=" + acme.id() + "&action=edge-site.create");
    Matcher older = OLDER.matcher(first.body());
    assertThat(older.find()).as(first.body()).isTrue();
    Page second = root.get(older.group(1).replace("&amp;", "&"));
    Page byActor = root.get("/operator/audit?actor=" + admin);

    assertThat(first.status()).isEqualTo(200);
    assertThat(rows(first)).isEqualTo(AuditPages.PAGE_SIZE);
    assertThat(first.body()).doesNotContain("collector-package.create</code>");
    assertThat(rows(second)).isEqualTo(2);
    assertThat(OLDER.matcher(second.body()).find()).isFalse();
    assertThat(second.body()).contains("id=\"newest\"");
    // What the admin did: signing in, then creating the package.
    assertThat(rows(byActor)).isEqualTo(2);
    assertThat(byActor.body())
        .contains("collector-package.create</code>")
        .contains("user.sign-in</code>")
        .contains(">" + admin + "<");
  }

  @Test
  void aTenantAdminsAuditLogShowsOnlyTheOwnTenant() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    String globexSite =
        globex.api().post("/api/v1/edge-sites", Map.of("name", "Berlin")).text("id");
    PageSession acmeAdmin = tenantUser(acme, newUsername("admin"));

    Page own = acmeAdmin.get("/admin/audit");
    Page asked =
        acmeAdmin.get("/admin/audit?tenant=" + globex.id() + "&target=edge-site:" + globexSite);
    Page operatorView = platformOperator().get("/operator/audit?target=edge-site:" + globexSite);

    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body()).contains("api-token.create").doesNotContain(globexSite);
    assertThat(rows(asked)).isZero();
    assertThat(rows(operatorView)).isEqualTo(1);
    assertThat(operatorView.body()).contains("edge-site.create").contains("globex");
  }

  @Test
  void aBadDateIsShownOnItsFieldInsteadOfAnError() {
    PageSession root = platformOperator();

    Page badDate = root.get("/operator/audit?from=yesterday&to=2026-01-01");
    Page reversed = root.get("/operator/audit?from=2026-02-01&to=2026-01-01");

    assertThat(badDate.status()).isEqualTo(200);
    assertThat(badDate.body())
        .containsPattern("id=\"from-error\"[^>]*>Enter a date as YYYY-MM-DD.");
    assertThat(reversed.body())
        .containsPattern("id=\"to-error\"[^>]*>The end date is before the start date.");
  }

  @Test
  void theFleetDashboardCountsLeafsAcrossTenantsAndListsCertificatesSoonestExpiryFirst() {
    TenantHandle acme = newTenant("acme");
    TenantHandle globex = newTenant("globex");
    // Each test class shares one server; these two make sure the fleet spans tenants.
    Map<String, Object> site = new HashMap<>();
    site.put("name", "Fleet NYC " + acme.slug());
    acme.api().post("/api/v1/edge-sites", site);
    site.put("name", "Fleet Berlin " + globex.slug());
    globex.api().post("/api/v1/edge-sites", site);
    long provisioned =
        operator.get("/api/v1/fleet/leafs").json().get("byStatus").get("provisioned").asLong();

    Page fleet = platformOperator().get("/operator/fleet");

    assertThat(fleet.status()).isEqualTo(200);
    assertThat(provisioned).isGreaterThanOrEqualTo(2);
    assertThat(fleet.body())
        .containsPattern(
            "data-status=\"provisioned\">\\s*<span class=\"count\">" + provisioned + "</span>")
        .contains("Every provisioned leaf is connected.");
    List<String> expiries =
        Pattern.compile("data-label=\"Expires\"><time datetime=\"([^\"]+)\"")
            .matcher(fleet.body())
            .results()
            .map(found -> found.group(1))
            .toList();
    assertThat(expiries).isNotEmpty().hasSizeLessThanOrEqualTo(FleetPage.EXPIRING_SHOWN);
    assertThat(expiries.stream().map(OffsetDateTime::parse).toList())
        .isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void theFleetDashboardShowsRenewalsFailedDueAndDone() {
    TenantHandle acme = newTenant("acme");
    String failing = "Renewal rolled back " + acme.slug();
    String siteId = acme.api().post("/api/v1/edge-sites", Map.of("name", failing)).text("id");
    String rotate = "/api/v1/edge-sites/" + siteId + "/rotate";
    assertThat(acme.api().post(rotate, null).status()).isEqualTo(201);
    assertThat(
            acme.api()
                .post(rotate + "/rollback", Map.of("reason", "the hub did not see it"))
                .status())
        .isEqualTo(200);

    Page fleet = platformOperator().get("/operator/fleet");

    assertThat(fleet.status()).isEqualTo(200);
    String failed = table(fleet, "renewals-failed");
    assertThat(failed).contains(failing).contains("the hub did not see it").contains("acme");
    assertThat(fleet.body()).contains("id=\"renewals-due\"").contains("id=\"renewals-done\"");
  }

  private static String table(Page page, String id) {
    int start = page.body().indexOf("id=\"" + id + "\"");
    assertThat(start).as("table " + id).isNotNegative();
    return page.body().substring(start, page.body().indexOf("</table>", start));
  }
}
