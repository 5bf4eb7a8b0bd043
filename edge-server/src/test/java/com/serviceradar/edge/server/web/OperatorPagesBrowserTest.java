package com.serviceradar.edge.server.web;

import static com.serviceradar.edge.server.support.EdgeHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.Browser;
import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.server.support.PageSession;
import com.serviceradar.edge.testing.NatsServerProcess;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A platform operator's pages in a real browser, against a control plane with a real hub, so the
 * fleet dashboard shows leafs that really connected and disconnected.
 */
class OperatorPagesBrowserTest {

  private static final String PASSWORD = "correct horse battery";
  private static EdgeHarness edge;
  private static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    edge = EdgeHarness.start("");
    String username = "root-" + UUID.randomUUID().toString().substring(0, 8);
    PageSession.createUser(edge.operator(), null, username, PASSWORD, "platform_operator");
    browser =
        Browser.open(
            "http://localhost:"
                + edge.controlPlane().getEnvironment().getProperty("local.server.port"));
    browser.signIn(username, PASSWORD);
    browser.await(driver -> browser.path().equals("/operator/tenants"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (edge != null) {
      edge.close();
    }
  }

  private static String leafStatus(InstalledSite site) {
    return site.json().path("leafServer").path("status").asString();
  }

  private static String count(String status) {
    return browser.textOf(By.cssSelector("ul.counts li[data-status='" + status + "'] .count"));
  }

  @Test
  void theFleetDashboardShowsCountsAndADisconnectedSiteWithoutReloading() throws Exception {
    Tenant acme = edge.newTenant();
    InstalledSite nyc = edge.newSite(acme, "NYC Office");
    edge.newSite(acme, "Chicago DC");
    NatsServerProcess leaf = nyc.start();
    await("the leaf shows connected", () -> "connected".equals(leafStatus(nyc)));
    browser.go("/operator/fleet");
    assertThat(count("connected")).isEqualTo("1");
    assertThat(count("provisioned")).isEqualTo("1");
    assertThat(browser.find(By.id("disconnected")).getText())
        .contains("Every provisioned leaf is connected.");
    browser.find(By.tagName("h1")).click();
    browser.awaitLive();

    leaf.kill();

    // The panel is re-rendered on every site change: read it afresh each time.
    String downRow = "//table[@id='disconnected']//tr[td[normalize-space()='NYC Office']]";
    assertThat(browser.textOf(By.xpath(downRow))).contains(acme.slug()).contains("under a minute");
    assertThat(browser.textOf(By.xpath(downRow + "/td[@data-label='Reason']")))
        .isEqualTo(nyc.json().path("leafServer").path("lastDisconnectReason").asString());
    assertThat(count("connected")).isEqualTo("0");
    assertThat(count("disconnected")).isEqualTo("1");
    assertThat(browser.textOf(By.id("expiring"))).contains("NYC Office").contains("Chicago DC");
    browser.screenshot("fleet");
    browser.resize(Browser.PHONE);
    browser.screenshot("fleet-phone");
    browser.resize(Browser.DESKTOP);
  }

  @Test
  void theAuditLogFiltersByAction() {
    Tenant acme = edge.newTenant();
    acme.admin().post("/api/v1/edge-sites", Map.of("name", "Audited Site"));
    browser.go("/operator/audit");
    assertThat(actions()).contains("tenant.create", "edge-site.create");

    browser.find(By.id("action")).sendKeys("edge-site.create");
    browser.find(By.cssSelector("#audit-filters button[type=submit]")).click();

    browser.await(driver -> browser.path().contains("action=edge-site.create"));
    assertThat(actions()).isNotEmpty().containsOnly("edge-site.create");
    assertThat(browser.find(By.id("action")).getAttribute("value")).isEqualTo("edge-site.create");
    browser.screenshot("audit-log");
  }

  private static List<String> actions() {
    return browser.driver().findElements(By.cssSelector("#audit-events td.action")).stream()
        .map(WebElement::getText)
        .toList();
  }

  @Test
  void theOperatorCreatesATenantViewerOnTheUsersPage() {
    Tenant acme = edge.newTenant();
    String username = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
    browser.go("/operator/users");

    new Select(browser.find(By.id("tenantId"))).selectByVisibleText(acme.slug());
    browser.find(By.id("username")).sendKeys(username);
    browser.find(By.id("password")).sendKeys("short");
    browser.find(By.id("role-tenant_viewer")).click();
    browser.find(By.cssSelector("#create-user button[type=submit]")).click();
    browser.await(driver -> browser.isPresent(By.id("password-error")));
    assertThat(browser.find(By.id("password")).getAttribute("value")).isEmpty();
    assertThat(browser.find(By.id("username")).getAttribute("value")).isEqualTo(username);
    browser.screenshot("users-password-error");
    browser.find(By.id("password")).sendKeys("a long enough password");
    browser.find(By.cssSelector("#create-user button[type=submit]")).click();

    browser.await(driver -> browser.text().contains("Created tenant viewer " + username));
    assertThat(browser.find(By.cssSelector("table[data-tenant='" + acme.slug() + "']")).getText())
        .contains(username)
        .contains("tenant viewer");
    browser.screenshot("users");
  }
}
