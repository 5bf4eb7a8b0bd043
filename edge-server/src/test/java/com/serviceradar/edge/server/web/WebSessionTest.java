package com.serviceradar.edge.server.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The web UI's session chain over plain HTTP: cookie flags, CSRF on the login form, redirects to
 * sign in, and the API chain left stateless.
 */
@ContextConfiguration(initializers = TestDatabases.H2.class)
class WebSessionTest extends ApiTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final String PASSWORD = "correct horse battery";

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private String username;

  @BeforeEach
  void tenantAdminUser() {
    TenantHandle acme = newTenant("acme");
    username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient.Reply created =
        operator.post(
            "/api/v1/tenants/" + acme.id() + "/users",
            Map.of("username", username, "password", PASSWORD, "role", "tenant_admin"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(String path, String cookie, Map<String, String> form)
      throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(header -> header.startsWith(WebSecurityConfiguration.SESSION_COOKIE + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
  }

  private static String nameValue(String setCookie) {
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  /** Opens the login page and signs in with its CSRF token; returns the sign-in response. */
  private HttpResponse<String> signIn(String password) throws Exception {
    HttpResponse<String> page = get("/login", null);
    Matcher token = CSRF.matcher(page.body());
    assertThat(token.find()).as(page.body()).isTrue();
    return postForm(
        "/login",
        nameValue(sessionCookie(page)),
        Map.of("username", username, "password", password, "_csrf", token.group(1)));
  }

  @Test
  void signingInGivesAnHttpOnlySameSiteLaxSecureSessionCookie() throws Exception {
    HttpResponse<String> signedIn = signIn(PASSWORD);

    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/"));
    String cookie = sessionCookie(signedIn);
    assertThat(cookie).contains("HttpOnly").contains("Secure").containsIgnoringCase("SameSite=Lax");
    HttpResponse<String> home = get("/", nameValue(cookie));
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/admin/edge-sites");
  }

  @Test
  void signInsAndRefusedPasswordsAreOnTheAuditTrail() throws Exception {
    signIn("wrong password entirely");
    signIn(PASSWORD);

    JsonNode items =
        operator.get("/api/v1/audit-events?action=user.sign-in&limit=10").json().get("items");
    List<String> outcomes = new ArrayList<>();
    items.forEach(
        event -> {
          if (event.get("target").asString().equals("user:" + username)) {
            outcomes.add(event.get("outcome").asString());
            assertThat(event.get("sourceAddress").asString()).isEqualTo("127.0.0.1");
          }
        });
    assertThat(outcomes).containsExactly("success", "failure");
  }

  @Test
  void wrongPasswordSendsBackToTheLoginPageWithAnError() throws Exception {
    HttpResponse<String> refused = signIn("wrong password entirely");

    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
  }

  @Test
  void loginWithoutCsrfTokenIsRefused() throws Exception {
    HttpResponse<String> page = get("/login", null);

    HttpResponse<String> refused =
        postForm(
            "/login",
            nameValue(sessionCookie(page)),
            Map.of("username", username, "password", PASSWORD));

    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void pagesRedirectToTheLoginPageWhenSignedOut() throws Exception {
    for (String path : List.of("/", "/admin/edge-sites", "/operator/tenants")) {
      HttpResponse<String> response = get(path, null);

      assertThat(response.statusCode()).as(path).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }
  }

  @Test
  void tenantUserCannotOpenOperatorPages() throws Exception {
    String cookie = nameValue(sessionCookie(signIn(PASSWORD)));

    HttpResponse<String> refused = get("/operator/tenants", cookie);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Not allowed").contains("Your role may not open this page");
  }

  @Test
  void theApiStaysStatelessAndAnswersProblemsNotLoginPages() throws Exception {
    HttpResponse<String> withToken =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/tenants"))
                .header("Authorization", "Bearer " + TestDatabases.BOOTSTRAP_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> withSessionOnly =
        get("/api/v1/edge-sites", nameValue(sessionCookie(signIn(PASSWORD))));

    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(withToken.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(withSessionOnly.statusCode()).isEqualTo(401);
    assertThat(withSessionOnly.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
  }

  @Test
  void pagesAndScriptsAreServedByUsWithoutInlineScripts() throws Exception {
    HttpResponse<String> login = get("/login", null);
    HttpResponse<String> htmx = get("/webjars/htmx.org/dist/htmx.min.js", null);
    HttpResponse<String> sse = get("/webjars/htmx-ext-sse/sse.js", null);

    assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'");
    assertThat(login.body()).doesNotContain("<script>").doesNotContain("https://");
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(sse.statusCode()).isEqualTo(200);
  }
}
