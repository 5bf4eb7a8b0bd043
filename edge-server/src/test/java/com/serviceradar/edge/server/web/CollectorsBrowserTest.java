package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.Browser;
import com.serviceradar.edge.server.support.PageSession;
import com.serviceradar.edge.server.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.test.context.ContextConfiguration;

/** A tenant admin works the collectors page in a real browser. */
@ContextConfiguration(initializers = TestDatabases.H2.class)
class CollectorsBrowserTest extends ApiTest {

  private static final String PASSWORD = "correct horse battery";
  private static Browser browser;

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  private void signInAsNewAdmin(TenantHandle tenant) {
    String username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    PageSession.createUser(operator, tenant.id(), username, PASSWORD, "tenant_admin");
    if (browser == null) {
      browser = Browser.open("http://localhost:" + port);
    }
    browser.signIn(username, PASSWORD);
    browser.await(driver -> !browser.path().startsWith("/login"));
  }

  private void create(String type, String name, String siteName) {
    browser.go("/admin/collectors");
    new Select(browser.find(By.id("collectorType"))).selectByValue(type);
    browser.find(By.id("name")).sendKeys(name);
    new Select(browser.find(By.id("edgeSiteId"))).selectByVisibleText(siteName);
    browser.find(By.cssSelector("#create-collector button[type=submit]")).click();
  }

  private WebElement row(String name) {
    return browser.find(
        By.xpath("//table[@id='collectors']//tr[td[normalize-space()='" + name + "']]"));
  }

  @Test
  void adminCreatesACollectorAtASiteAndOneForTheSaasThenDownloadsAndRevokes() throws Exception {
    TenantHandle acme = newTenant("acme");
    CollectorPagesScenarios.site(acme, "NYC Office", "nats://10.0.1.50:4222");
    CollectorPagesScenarios.site(acme, "Bare Site", null);
    signInAsNewAdmin(acme);

    create("flowgger", "nyc-syslog", "NYC Office");
    browser.await(driver -> browser.text().contains("Created collector package nyc-syslog."));
    create("trapd", "cloud-traps", "SaaS (no edge site)");
    browser.await(driver -> browser.text().contains("Created collector package cloud-traps."));

    assertThat(row("nyc-syslog").findElement(By.cssSelector("td.site")).getText())
        .isEqualTo("NYC Office");
    assertThat(row("nyc-syslog").findElement(By.cssSelector("td.nats-url")).getText())
        .isEqualTo("nats://10.0.1.50:4222");
    assertThat(row("cloud-traps").findElement(By.cssSelector("td.site")).getText())
        .isEqualTo("SaaS (no edge site)");
    assertThat(row("cloud-traps").findElement(By.cssSelector("td.nats-url")).getText())
        .isEqualTo("nats://nats.serviceradar.cloud:4222");
    browser.screenshot("collectors");
    browser.resize(Browser.PHONE);
    browser.screenshot("collectors-phone");
    browser.resize(Browser.DESKTOP);

    create("otel", "nowhere", "Bare Site");
    assertThat(browser.textOf(By.id("edgeSiteId-error"))).contains("has no natsLeafUrl");
    assertThat(browser.find(By.id("edgeSiteId")).getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshot("collectors-site-without-leaf-url");

    browser.go("/admin/collectors");
    row("nyc-syslog")
        .findElement(By.xpath(".//button[starts-with(normalize-space(), 'Download bundle')]"))
        .click();
    Path bundle = browser.awaitDownload("collector-package-");
    assertThat(Files.size(bundle)).isPositive();
    row("nyc-syslog")
        .findElement(By.xpath(".//button[starts-with(normalize-space(), 'Revoke')]"))
        .click();
    browser.await(driver -> browser.text().contains("Revoke for good"));
    browser.screenshot("collectors-revoke-confirm");
    browser.find(By.xpath("//button[normalize-space()='Revoke for good']")).click();
    browser.await(driver -> browser.text().contains("Revoked collector package nyc-syslog."));
    assertThat(row("nyc-syslog").getText()).contains("revoked").doesNotContain("Download");
  }
}
