package com.serviceradar.edge.server.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in web UI session over plain HTTP, as a browser without scripts would use the pages: it
 * keeps the session cookie, and sends the CSRF token of the last page it read with each form.
 * Redirects are not followed, so tests see them.
 */
public final class PageSession {

  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern META_TOKEN =
      Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private static final Pattern SESSION_COOKIE = Pattern.compile("(EDGE_SESSION=[^;]+)");

  /** A response: status, body, and the redirect target if any. */
  public record Page(int status, String body, Optional<String> location, String contentType) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;
  private String cookie;
  private String csrfToken;

  private PageSession(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * Creates a web UI user through the API: a platform operator when {@code tenantId} is null,
   * otherwise a {@code role} user of that tenant.
   */
  public static void createUser(
      ApiClient operator, String tenantId, String username, String password, String role) {
    ApiClient.Reply created =
        operator.post(
            tenantId == null ? "/api/v1/users" : "/api/v1/tenants/" + tenantId + "/users",
            Map.of("username", username, "password", password, "role", role));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  /** Signs in through the login form; fails the test when the login is refused. */
  public static PageSession signIn(int port, String username, String password) {
    PageSession session = new PageSession("http://127.0.0.1:" + port);
    session.get("/login");
    Page signedIn = session.post("/login", Map.of("username", username, "password", password));
    assertThat(signedIn.location())
        .as("signing in as " + username)
        .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
    return session;
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  /** Posts a form with the CSRF token of the last page read. */
  public Page post(String path, Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach((name, value) -> append(body, name, value));
    if (csrfToken != null) {
      append(body, "_csrf", csrfToken);
    }
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  private static void append(StringBuilder body, String name, String value) {
    body.append(body.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(name, UTF_8))
        .append('=')
        .append(URLEncoder.encode(value, UTF_8));
  }

  private Page send(HttpRequest.Builder request) {
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      response.headers().allValues("Set-Cookie").stream()
          .map(SESSION_COOKIE::matcher)
          .filter(Matcher::find)
          .findFirst()
          .ifPresent(found -> cookie = found.group(1));
      for (Pattern pattern : new Pattern[] {FORM_TOKEN, META_TOKEN}) {
        Matcher token = pattern.matcher(response.body());
        if (token.find()) {
          csrfToken = token.group(1);
          break;
        }
      }
      return new Page(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Location"),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
