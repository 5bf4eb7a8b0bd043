package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.Browser;
import com.serviceradar.edge.server.support.TestDatabases;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.context.ContextConfiguration;

/** Signing in and out in a real browser, as a platform operator created through the API. */
@ContextConfiguration(initializers = TestDatabases.H2.class)
class SignInBrowserTest extends ApiTest {

  private static final String PASSWORD = "correct horse battery";
  private static Browser browser;

  private String username;

  @BeforeEach
  void operatorUserAndBrowser() {
    if (browser == null) {
      browser = Browser.open("http://localhost:" + port);
    }
    username = "root-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Reply created =
        operator.post(
            "/api/v1/users",
            Map.of("username", username, "password", PASSWORD, "role", "platform_operator"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @Test
  void platformOperatorSignsInSeesTenantsAndSignsOut() {
    String slug = newTenant("acme").slug();
    browser.go("/login");
    browser.screenshot("login");

    browser.signIn(username, PASSWORD);

    browser.await(driver -> browser.path().equals("/operator/tenants"));
    assertThat(browser.text()).contains(slug).contains(username).contains("platform operator");
    browser.signOut();
    browser.await(driver -> browser.path().equals("/login?logout"));
    assertThat(browser.text()).contains("You are signed out");
    browser.go("/operator/tenants");
    assertThat(browser.path()).isEqualTo("/login");
  }

  @Test
  void wrongPasswordShowsAnErrorOnTheLoginPage() {
    browser.signIn(username, "not the password at all");

    browser.await(driver -> browser.path().equals("/login?error"));
    assertThat(browser.find(By.cssSelector("[role=alert]")).getText())
        .isEqualTo("Wrong username or password.");
  }
}
