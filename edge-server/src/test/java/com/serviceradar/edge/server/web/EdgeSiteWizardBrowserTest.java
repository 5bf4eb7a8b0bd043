package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.Browser;
import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.NatsServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;

/**
 * The "Add Edge Site" wizard in a real browser against the real thing: a control plane, a hub
 * installed from its bundle, and a leaf started from the bundle the browser downloaded.
 */
class EdgeSiteWizardBrowserTest {

  private static final String PASSWORD = "correct horse battery";

  private static EdgeHarness edge;
  private static Browser browser;
  private static Tenant tenant;

  @BeforeAll
  static void start() throws Exception {
    edge = EdgeHarness.start("");
    tenant = edge.newTenant();
    String username = "admin@" + tenant.slug() + ".example";
    ApiClient.Reply user =
        edge.operator()
            .post(
                "/api/v1/tenants/" + tenant.id() + "/users",
                Map.of("username", username, "password", PASSWORD, "role", "tenant_admin"));
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    int port =
        Integer.parseInt(edge.controlPlane().getEnvironment().getProperty("local.server.port"));
    browser = Browser.open("http://localhost:" + port);
    browser.signIn(username, PASSWORD);
    browser.await(driver -> browser.path().equals("/admin/edge-sites"));
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

  private static String siteIdFromPath() {
    String path = browser.path();
    return path.substring("/admin/edge-sites/".length(), path.indexOf("/setup/"));
  }

  private static void typeName(String name) {
    browser.find(By.id("name")).sendKeys(name);
  }

  @Test
  void nycOfficeWizardDownloadsTheBundleAndSeesTheLeafConnectWithoutReload() throws Exception {
    int localPort = NatsServerProcess.freePort();
    int monitoringPort = NatsServerProcess.freePort();
    browser.go("/admin/edge-sites");
    browser.find(By.linkText("Add Edge Site")).click();

    // Step 1: the slug preview follows the name as it is typed.
    typeName("NYC Office");
    browser.await(driver -> browser.isPresent(By.id("slug-value")));
    assertThat(browser.find(By.id("slug-value")).getText()).isEqualTo("nyc-office");
    browser.find(By.cssSelector("#site-form details summary")).click();
    browser.find(By.id("localListen")).sendKeys("127.0.0.1:" + localPort);
    browser.find(By.id("monitoringPort")).sendKeys(String.valueOf(monitoringPort));
    browser.screenshot("wizard-1-name");
    browser.find(By.id("create-site")).click();

    // Step 2: the deployment methods, each with its instructions.
    browser.await(driver -> browser.path().endsWith("/setup/method"));
    String siteId = siteIdFromPath();
    assertThat(browser.text()).contains("setup.sh").contains("sha256sum -c MANIFEST.sha256");
    browser.screenshot("wizard-2-method");
    browser.find(By.id("method-docker")).click();
    browser.await(driver -> browser.isPresent(By.id("docker-run")));
    assertThat(browser.find(By.id("docker-run")).getText())
        .contains(folder(siteId) + "/nats/certs:/etc/nats/certs:ro")
        .contains("nats:2.9 -c /etc/nats/nats-leaf.conf");
    assertThat(browser.find(By.id("docker-compose")).getText()).contains("network_mode: host");
    browser.screenshot("wizard-2-method-docker");
    browser.find(By.id("to-bundle")).click();

    // Step 3: first the one-line installer with a one-time token, then the bundle itself.
    browser.await(driver -> browser.path().contains("/setup/bundle"));
    browser.find(By.id("create-token")).click();
    browser.await(driver -> browser.isPresent(By.id("install-line")));
    String installLine = browser.find(By.id("install-line")).getText();
    assertThat(installLine)
        .matches(
            "curl -fsSL "
                + browser.baseUrl()
                + "/install.sh \\| sudo sh -s -- --token srj_[A-Za-z0-9_-]+");
    String token = installLine.substring(installLine.indexOf("srj_"));
    assertThat(browser.find(By.id("enroll-line")).getText())
        .isEqualTo("serviceradar-edge enroll --api " + browser.baseUrl() + " --token " + token);
    assertThat(browser.text())
        .containsSubsequence("Install with one line", installLine, "Or download the bundle");
    browser.screenshot("wizard-3-install");
    browser.find(By.id("download-bundle")).click();
    Path archive = browser.awaitDownload(folder(siteId));
    String folder = folder(siteId) + "/";
    Command.Result listing =
        Command.run(archive.getParent(), List.of("tar", "-tzf", archive.toString()));
    assertThat(listing.output().lines().toList())
        .contains(
            folder + "README.md",
            folder + "MANIFEST.sha256",
            folder + "setup.sh",
            folder + "nats/nats-leaf.conf",
            folder + "nats/certs/ca-chain.pem",
            folder + "nats/certs/nats-leaf.pem",
            folder + "nats/certs/nats-leaf-key.pem",
            folder + "nats/certs/nats-server.pem",
            folder + "nats/certs/nats-server-key.pem",
            folder + "creds/tenant.creds");
    browser.find(By.id("to-connect")).click();

    // Step 4 waits; the list, open in a second tab, shows the site provisioned.
    browser.await(driver -> browser.isPresent(By.id("waiting")));
    browser.screenshot("wizard-4-waiting");
    WebDriver driver = browser.driver();
    String wizardTab = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    browser.go("/admin/edge-sites");
    String listTab = driver.getWindowHandle();
    assertThat(browser.find(By.cssSelector("#site-nyc-office .leaf-status")).getText())
        .isEqualTo("provisioned");
    assertThat(browser.find(By.cssSelector("#site-nyc-office .last-seen")).getText())
        .isEqualTo("Never");
    ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");
    browser.awaitLive();

    Path prefix = edge.dir().resolve("ui-edge-host-" + UUID.randomUUID());
    Path bundle = install(archive, folder, prefix);
    EdgeHarness.await(
        "the hub holds the tenant's account JWT", () -> edge.hubHasCurrentJwt(tenant.id()));
    try (NatsServerProcess leaf =
        new InstalledSite(tenant, siteId, bundle, prefix, localPort, monitoringPort).start()) {
      browser.await(
          Duration.ofSeconds(20),
          webDriver ->
              browser
                  .find(By.cssSelector("#site-nyc-office .leaf-status"))
                  .getText()
                  .equals("connected"));
      assertThat(browser.find(By.cssSelector("#site-nyc-office .site-status")).getText())
          .isEqualTo("active");
      assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;"))
          .isEqualTo(true);
      browser.screenshot("edge-sites-list");

      driver.switchTo().window(wizardTab);
      browser.await(Duration.ofSeconds(10), webDriver -> browser.isPresent(By.id("connected")));
      assertThat(browser.find(By.id("connected")).getText()).contains("Connected.");
      browser.screenshot("wizard-4-connected");
    } finally {
      driver.switchTo().window(listTab).close();
      driver.switchTo().window(wizardTab);
    }
  }

  /** Unpacks what the browser downloaded and installs it with its own setup.sh. */
  private static Path install(Path archive, String folder, Path prefix) throws Exception {
    Path unpacked = Files.createTempDirectory(edge.dir(), "browser-bundle");
    assertThat(Command.run(unpacked, List.of("tar", "-xzf", archive.toString())).exitCode())
        .isZero();
    Path bundle = unpacked.resolve(folder);
    Command.Result manifest = Command.run(bundle, List.of("sha256sum", "-c", "MANIFEST.sha256"));
    assertThat(manifest.exitCode()).as(manifest.output()).isZero();
    Command.Result setup =
        Command.run(
            bundle, List.of("sh", "setup.sh", "--prefix", prefix.toString(), "--no-service"));
    assertThat(setup.exitCode()).as(setup.output()).isZero();
    return bundle;
  }

  @Test
  void duplicateSlugIsShownOnTheSlugField() {
    tenant.admin().post("/api/v1/edge-sites", Map.of("name", "Branch Office"));
    browser.go("/admin/edge-sites/new");

    typeName("Branch Office");

    browser.await(driver -> browser.isPresent(By.id("slug-error")));
    assertThat(browser.find(By.id("slug-error")).getText())
        .isEqualTo(
            "An edge site with slug branch-office already exists in this tenant: choose another slug.");
    browser.screenshot("wizard-1-duplicate-slug-live");
    browser.find(By.id("create-site")).click();
    browser.await(driver -> browser.isPresent(By.cssSelector("#slug[aria-invalid=true]")));
    assertThat(browser.path()).isEqualTo("/admin/edge-sites/new");
    assertThat(browser.find(By.id("slug-error")).getText())
        .contains("branch-office already exists");
    assertThat(browser.find(By.id("name")).getAttribute("value")).isEqualTo("Branch Office");
  }

  private static String folder(String siteId) {
    return EdgeSiteNames.bundleFolder(UUID.fromString(siteId));
  }
}
