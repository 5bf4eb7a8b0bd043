package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.site.SiteConditions;
import com.serviceradar.edge.server.site.SiteHealth;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.Browser;
import com.serviceradar.edge.server.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The edge site page in a real browser: the seeded "Edge Site Detail Page" scenario with every item
 * the issue lists, a certificate that expires in 20 days, the viewer's read-only view and the
 * admin's changes. Health is recorded through the site module's own services, as the monitor does.
 */
@ContextConfiguration(initializers = TestDatabases.H2.class)
@TestPropertySource(
    properties = {"edge.pki.leaf-certificate-validity=P20D", "edge.web.connection-wait=0s"})
class EdgeSiteDetailBrowserTest extends ApiTest {

  private static final String PASSWORD = "correct horse battery";
  private static Browser browser;

  @Autowired SiteHealth health;
  @Autowired SiteConditions conditions;
  @Autowired JdbcClient jdbc;

  private TenantHandle tenant;
  private String admin;
  private String viewer;

  @BeforeEach
  void tenantWithAdminAndViewer() {
    if (browser == null) {
      browser = Browser.open("http://localhost:" + port);
    }
    browser.driver().manage().deleteAllCookies();
    browser.resize(Browser.DESKTOP);
    tenant = newTenant("acme");
    admin = user("tenant_admin");
    viewer = user("tenant_viewer");
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  private String user(String role) {
    String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Reply created =
        operator.post(
            "/api/v1/tenants/" + tenant.id() + "/users",
            Map.of("username", username, "password", PASSWORD, "role", role));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return username;
  }

  private void signInAs(String username) {
    browser.driver().manage().deleteAllCookies();
    browser.signIn(username, PASSWORD);
    browser.await(driver -> browser.path().equals("/admin/edge-sites"));
  }

  private String newSite(String name) {
    ApiClient.Reply created =
        tenant
            .api()
            .post(
                "/api/v1/edge-sites",
                Map.of("name", name, "natsLeafUrl", "tls://leaf.nyc.example:4222"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  private String leafUser(String siteId) {
    return jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
        .param("id", UUID.fromString(siteId))
        .query(String.class)
        .single();
  }

  /**
   * Seed "Edge Site Detail Page": a site with a leaf URL and a collector, that connected,
   * disconnected for a reason and connected again, whose certificates expire in 20 days.
   */
  private String seedDetailPageSite() {
    String siteId = newSite("NYC Office");
    ApiClient.Reply collector =
        tenant
            .api()
            .post(
                "/api/v1/collector-packages",
                Map.of("collectorType", "flowgger", "edgeSiteId", siteId, "name", "nyc-syslog"));
    assertThat(collector.status()).as(collector.body()).isEqualTo(201);
    String user = leafUser(siteId);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    health.connected(user, now.minusMinutes(30));
    health.disconnected(user, now.minusMinutes(20), "Client Closed");
    health.connected(user, now.minusMinutes(3));
    conditions.scanCertificatesAndConfigs(now);
    return siteId;
  }

  @Test
  void detailPageShowsEveryItemAndTheTwentyDayCertificateWarning() {
    String siteId = seedDetailPageSite();
    signInAs(admin);

    browser.go("/admin/edge-sites/" + siteId);

    assertThat(browser.find(By.id("site-name")).getText()).isEqualTo("NYC Office");
    assertThat(browser.find(By.id("site-slug")).getText()).isEqualTo("nyc-office");
    assertThat(browser.find(By.id("site-status")).getText()).isEqualTo("active");
    assertThat(browser.find(By.id("natsLeafUrl")).getAttribute("value"))
        .isEqualTo("tls://leaf.nyc.example:4222");
    assertThat(browser.find(By.cssSelector("label[for=natsLeafUrl]")).getText())
        .isEqualTo("NATS leaf URL");
    assertThat(browser.find(By.id("leaf-status")).getText()).isEqualTo("connected");
    assertThat(browser.find(By.id("connected-since")).getText()).isEqualTo("3m ago");
    assertThat(browser.find(By.id("last-seen")).getText()).isEqualTo("3m ago");
    assertThat(browser.find(By.id("last-disconnect")).getText())
        .isEqualTo("20m ago: Client Closed");
    assertThat(browser.find(By.id("conditions")).getText()).contains("cert expiring");
    assertThat(browser.find(By.id("timeline")).getText())
        .contains("connected")
        .contains("disconnected — Client Closed")
        .contains("condition-raised");
    assertThat(browser.find(By.id("cert-warning")).getText())
        .contains("This site's leaf certificate expires in 20 days");
    assertThat(browser.find(By.id("cert-expiry")).getText()).contains("expires in 20 days");
    assertThat(browser.find(By.id("config-checksum")).getText()).matches("[0-9a-f]{64}");
    assertThat(browser.find(By.id("collectors")).getText())
        .contains("nyc-syslog")
        .contains("flowgger");
    assertThat(browser.find(By.id("download-bundle")).getAttribute("href"))
        .endsWith("/admin/edge-sites/" + siteId + "/bundle");
    assertThat(browser.isPresent(By.id("regenerate"))).isTrue();
    assertThat(browser.isPresent(By.id("delete"))).isTrue();
    browser.screenshot("site-detail");
    browser.resize(Browser.PHONE);
    browser.screenshot("site-detail-phone");
    browser.go("/admin/edge-sites");
    browser.screenshot("edge-sites-list-phone");
  }

  @Test
  void detailPageFollowsTheLeafLiveWithoutReload() {
    String siteId = seedDetailPageSite();
    signInAs(viewer);
    browser.go("/admin/edge-sites/" + siteId);
    ((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true;");
    browser.awaitLive();

    health.disconnected(leafUser(siteId), OffsetDateTime.now(ZoneOffset.UTC), "Stale Connection");

    browser.await(driver -> browser.find(By.id("leaf-status")).getText().equals("disconnected"));
    browser.await(
        driver ->
            browser.find(By.id("last-disconnect")).getText().equals("just now: Stale Connection"));
    assertThat(
            ((JavascriptExecutor) browser.driver())
                .executeScript("return window.notReloaded === true;"))
        .isEqualTo(true);
  }

  @Test
  void tenantViewerSeesNoDownloadRegenerateOrDelete() throws Exception {
    String siteId = seedDetailPageSite();
    signInAs(viewer);

    browser.go("/admin/edge-sites/" + siteId);

    assertThat(browser.find(By.id("site-name")).getText()).isEqualTo("NYC Office");
    assertThat(browser.find(By.id("leaf-url")).getText()).isEqualTo("tls://leaf.nyc.example:4222");
    assertThat(browser.isPresent(By.id("download-bundle"))).isFalse();
    assertThat(browser.isPresent(By.id("regenerate"))).isFalse();
    assertThat(browser.isPresent(By.id("delete"))).isFalse();
    assertThat(browser.isPresent(By.id("leaf-url-form"))).isFalse();
    assertThat(browser.text()).doesNotContain("Regenerate").doesNotContain("Download");
    browser.screenshot("site-detail-viewer");
    browser.go("/admin/edge-sites");
    assertThat(browser.isPresent(By.linkText("Add Edge Site"))).isFalse();
    browser.go("/admin/edge-sites/" + siteId + "/bundle");
    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    // And without a browser's help: the viewer's session is refused the bundle and every change.
    String cookie =
        "EDGE_SESSION=" + browser.driver().manage().getCookieNamed("EDGE_SESSION").getValue();
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> bundle =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(browser.baseUrl() + "/admin/edge-sites/" + siteId + "/bundle"))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bundle.statusCode()).isEqualTo(403);
  }

  @Test
  void adminChangesTheLeafUrlRegeneratesAndDeletesByTypingTheSlug() {
    String siteId = newSite("Berlin Lab");
    signInAs(admin);
    browser.go("/admin/edge-sites/" + siteId);
    String checksum = browser.find(By.id("config-checksum")).getText();

    browser.find(By.id("natsLeafUrl")).clear();
    browser.find(By.id("natsLeafUrl")).sendKeys("ftp://nope");
    browser.find(By.cssSelector("#leaf-url-form button")).click();
    // The click returns before the refused form's page has always replaced this one.
    browser.await(driver -> browser.isPresent(By.id("natsLeafUrl-error")));
    assertThat(browser.find(By.id("natsLeafUrl-error")).getText()).startsWith("natsLeafUrl");
    assertThat(browser.find(By.id("natsLeafUrl")).getAttribute("aria-invalid")).isEqualTo("true");
    browser.find(By.id("natsLeafUrl")).clear();
    browser.find(By.id("natsLeafUrl")).sendKeys("tls://leaf.berlin.example:4222");
    browser.find(By.cssSelector("#leaf-url-form button")).click();
    browser.await(driver -> browser.text().contains("NATS leaf URL saved"));
    assertThat(browser.find(By.id("natsLeafUrl")).getAttribute("value"))
        .isEqualTo("tls://leaf.berlin.example:4222");

    browser.find(By.cssSelector("#regenerate summary")).click();
    browser.find(By.cssSelector("#regenerate button")).click();
    browser.await(driver -> browser.text().contains("New certificates and leaf user issued"));
    assertThat(browser.find(By.id("config-checksum")).getText()).isNotEqualTo(checksum);

    browser.find(By.cssSelector("#delete summary")).click();
    browser.find(By.id("confirmSlug")).sendKeys("berlin");
    browser.find(By.cssSelector("#delete button")).click();
    assertThat(browser.find(By.id("confirmSlug-error")).getText())
        .isEqualTo("type the slug berlin-lab to delete this site");
    assertThat(tenant.api().get("/api/v1/edge-sites/" + siteId).status()).isEqualTo(200);
    browser.find(By.id("confirmSlug")).sendKeys("berlin-lab");
    browser.find(By.cssSelector("#delete button")).click();
    browser.await(driver -> browser.path().equals("/admin/edge-sites"));
    assertThat(browser.text()).contains("Edge site Berlin Lab deleted.");
    assertThat(tenant.api().get("/api/v1/edge-sites/" + siteId).status()).isEqualTo(404);
  }

  @Test
  void listFiltersByStatusAndSearchesByName() {
    String active = seedDetailPageSite();
    newSite("Lisbon Depot");
    signInAs(admin);
    browser.go("/admin/edge-sites");
    assertThat(browser.isPresent(By.id("site-nyc-office"))).isTrue();
    assertThat(browser.isPresent(By.id("site-lisbon-depot"))).isTrue();
    assertThat(browser.find(By.cssSelector("#site-nyc-office .cert")).getText())
        .contains("expires in 20 days");

    new Select(browser.find(By.id("status"))).selectByValue("active");
    browser.await(driver -> !browser.isPresent(By.id("site-lisbon-depot")));
    assertThat(browser.isPresent(By.id("site-nyc-office"))).isTrue();
    new Select(browser.find(By.id("status"))).selectByValue("");
    browser.find(By.id("q")).sendKeys("lisb");
    browser.await(driver -> !browser.isPresent(By.id("site-nyc-office")));
    assertThat(browser.find(By.cssSelector("#site-lisbon-depot .last-seen")).getText())
        .isEqualTo("Never");
    assertThat(active).isNotBlank();
  }

  @Test
  void anotherTenantsSiteIsNotFound() {
    String siteId = seedDetailPageSite();
    tenant = newTenant("globex");
    signInAs(user("tenant_admin"));

    browser.go("/admin/edge-sites/" + siteId);

    assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not found");
    assertThat(browser.text()).doesNotContain("NYC Office");
  }

  @Test
  void connectivityCheckListsTheLikelyCausesOnceTheWaitIsOver() {
    String siteId = newSite("Quiet Site");
    signInAs(admin);

    browser.go("/admin/edge-sites/" + siteId + "/setup/connect");

    assertThat(browser.find(By.id("not-connected")).getText())
        .contains("No connection yet after 0 seconds")
        .contains("sudo ./setup.sh --check")
        .contains("tls://nats.serviceradar.cloud:7422");
    browser.screenshot("wizard-4-timeout");
  }
}
