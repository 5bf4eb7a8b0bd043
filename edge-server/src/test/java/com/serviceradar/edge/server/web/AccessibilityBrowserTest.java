package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.site.SiteHealth;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.Browser;
import com.serviceradar.edge.server.support.TestDatabases;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every page, with data on it, checked by axe-core in the browser against WCAG 2 A and AA: no
 * serious or critical violation (missing labels, contrast, names of buttons and links, …), on a
 * desktop window and at phone width.
 */
@ContextConfiguration(initializers = TestDatabases.H2.class)
class AccessibilityBrowserTest extends ApiTest {

  private static final String PASSWORD = "correct horse battery";

  @Autowired SiteHealth health;
  @Autowired JdbcClient jdbc;

  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.open("http://localhost:" + port);
  }

  @AfterEach
  void closeBrowser() {
    browser.close();
  }

  private String user(String tenantId, String role) {
    String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Reply created =
        tenantId == null
            ? operator.post(
                "/api/v1/users", Map.of("username", username, "password", PASSWORD, "role", role))
            : operator.post(
                "/api/v1/tenants/" + tenantId + "/users",
                Map.of("username", username, "password", PASSWORD, "role", role));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return username;
  }

  /**
   * A site with a collector that connected, disconnected and connected again, so tables and the
   * timeline have rows. It ends connected: the test classes share one database, and others count
   * disconnected sites.
   */
  private String seededSite(TenantHandle tenant) {
    String siteId =
        tenant
            .api()
            .post(
                "/api/v1/edge-sites",
                Map.of("name", "NYC Office", "natsLeafUrl", "tls://leaf.nyc.example:4222"))
            .text("id");
    tenant
        .api()
        .post(
            "/api/v1/collector-packages",
            Map.of("collectorType", "flowgger", "edgeSiteId", siteId, "name", "nyc-syslog"));
    String leafUser =
        jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
            .param("id", UUID.fromString(siteId))
            .query(String.class)
            .single();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    health.connected(leafUser, now.minusMinutes(30));
    health.disconnected(leafUser, now.minusMinutes(20), "Client Closed");
    health.connected(leafUser, now.minusMinutes(3));
    return siteId;
  }

  private Map<String, List<String>> violationsOf(List<String> paths) {
    Map<String, List<String>> found = new LinkedHashMap<>();
    for (String path : paths) {
      browser.go(path);
      List<String> violations = browser.accessibilityViolations();
      if (!violations.isEmpty()) {
        found.put(path, violations);
      }
    }
    return found;
  }

  @Test
  void tenantPagesHaveNoSeriousAccessibilityViolations() {
    TenantHandle acme = newTenant("acme");
    String siteId = seededSite(acme);
    List<String> pages =
        List.of(
            "/admin/edge-sites",
            "/admin/edge-sites/" + siteId,
            "/admin/edge-sites/new",
            "/admin/collectors",
            "/admin/audit");

    assertThat(violationsOf(List.of("/login"))).isEmpty();
    browser.signIn(user(acme.id(), "tenant_admin"), PASSWORD);
    browser.await(driver -> browser.path().equals("/admin/edge-sites"));
    assertThat(violationsOf(pages)).isEmpty();
    browser.resize(Browser.PHONE);
    assertThat(violationsOf(pages)).isEmpty();
  }

  @Test
  void operatorPagesHaveNoSeriousAccessibilityViolations() {
    seededSite(newTenant("acme"));
    List<String> pages =
        List.of("/operator/tenants", "/operator/fleet", "/operator/users", "/operator/audit");

    browser.signIn(user(null, "platform_operator"), PASSWORD);
    browser.await(driver -> browser.path().equals("/operator/tenants"));
    assertThat(violationsOf(pages)).isEmpty();
    browser.resize(Browser.PHONE);
    assertThat(violationsOf(pages)).isEmpty();
  }
}
