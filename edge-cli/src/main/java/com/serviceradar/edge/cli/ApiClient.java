package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The control plane's REST API (ARCHITECTURE.md) over {@code java.net.http}: bearer token, JSON
 * bodies, problem+json errors turned into one-line {@link ExitException}s.
 */
final class ApiClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String token;
  private final HttpClient http;

  ApiClient(String url, String token) {
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    try {
      this.base = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw ExitException.usage(
          "--api " + url + " is not a URL: give e.g. https://edge.example.com");
    }
    if (base.getScheme() == null
        || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
      throw ExitException.usage("--api " + url + " must start with http:// or https://");
    }
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  String url() {
    return base.toString();
  }

  JsonValue get(String path) {
    return Json.parse(send(request(path).GET(), HttpResponse.BodyHandlers.ofString()).body());
  }

  JsonValue post(String path, JsonValue body) {
    return bodyOf(send(json(request(path), "POST", body), HttpResponse.BodyHandlers.ofString()));
  }

  JsonValue patch(String path, JsonValue body) {
    return bodyOf(send(json(request(path), "PATCH", body), HttpResponse.BodyHandlers.ofString()));
  }

  void delete(String path) {
    send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString());
  }

  /** A downloaded file with its name and the {@code X-Config-Checksum} header. */
  record Download(byte[] content, String fileName, Optional<String> checksum) {}

  Download download(String path, String fallbackName) {
    HttpResponse<byte[]> response =
        send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
    String name =
        response
            .headers()
            .firstValue("Content-Disposition")
            .flatMap(ApiClient::fileName)
            .orElse(fallbackName);
    return new Download(response.body(), name, response.headers().firstValue("X-Config-Checksum"));
  }

  /** The {@code Date} header of {@code /actuator/health}: the control plane's clock. */
  Optional<String> serverDate() {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(resolve("/actuator/health")).timeout(TIMEOUT).GET(),
            HttpResponse.BodyHandlers.ofString());
    return response.headers().firstValue("Date");
  }

  /**
   * Follows a server-sent event stream, handing each {@code data} of an event named {@code event}
   * to {@code onData} until the stream ends or the thread is interrupted.
   */
  void stream(String path, String event, Consumer<JsonValue> onData) {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (response.statusCode() >= 400) {
      throw refused(response.statusCode(), String.join("\n", response.body().toList()));
    }
    String current = "message";
    StringBuilder data = new StringBuilder();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (current.equals(event) && data.length() > 0) {
            onData.accept(Json.parse(data.toString()));
          }
          current = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          current = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }
  }

  /** A site by id or slug. */
  JsonValue site(String idOrSlug) {
    if (isUuid(idOrSlug)) {
      return get("/api/v1/edge-sites/" + idOrSlug);
    }
    return Json.array(get("/api/v1/edge-sites")).stream()
        .filter(site -> idOrSlug.equals(Json.text(site, "slug", null)))
        .findFirst()
        .orElseThrow(
            () ->
                ExitException.failure(
                    "no site with slug '"
                        + idOrSlug
                        + "': list them with serviceradar-edge sites list"));
  }

  static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equalsIgnoreCase(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Without a bearer token when {@code token} is null (enroll: the join token is in the body). */
  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(resolve(path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json, application/problem+json, application/gzip");
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  private URI resolve(String path) {
    return URI.create(base + path);
  }

  private static HttpRequest.Builder json(
      HttpRequest.Builder builder, String method, JsonValue body) {
    return builder
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.toJson(), StandardCharsets.UTF_8));
  }

  private static JsonValue bodyOf(HttpResponse<String> response) {
    return response.body() == null || response.body().isBlank()
        ? JsonValue.EMPTY_MAP
        : Json.parse(response.body());
  }

  private <T> HttpResponse<T> send(
      HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler) {
    HttpResponse<T> response;
    try {
      response = http.send(builder.build(), handler);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ExitException.failure("interrupted while waiting for " + base);
    }
    if (response.statusCode() >= 400) {
      Object body = response.body();
      String text =
          body instanceof byte[] bytes
              ? new String(bytes, StandardCharsets.UTF_8)
              : body instanceof String string ? string : "";
      throw refused(response.statusCode(), text);
    }
    return response;
  }

  private ExitException unreachable(IOException e) {
    String why =
        e instanceof ConnectException
            ? "connection refused"
            : e instanceof HttpTimeoutException ? "timed out" : String.valueOf(e.getMessage());
    return new ExitException(
        ExitException.FAILURE,
        "cannot reach the control plane at "
            + base
            + " ("
            + why
            + "): check --api / EDGE_API_URL and that the server runs",
        e);
  }

  private static ExitException refused(int status, String body) {
    String detail = "";
    if (body != null && body.strip().startsWith("{")) {
      try {
        JsonValue problem = Json.parse(body);
        detail = Json.text(problem, "detail", Json.text(problem, "title", ""));
      } catch (ExitException notJson) {
        detail = "";
      }
    }
    String fix =
        switch (status) {
          case 401 -> "the token is missing, wrong or revoked: run serviceradar-edge login again";
          case 403 -> "this token's role may not do that: use a tenant admin token";
          case 404 -> "it does not exist, or belongs to another tenant";
          case 410 -> "ask a tenant admin for a new join token";
          default -> "";
        };
    StringBuilder message = new StringBuilder("the control plane refused the request (HTTP ");
    message.append(status).append(')');
    if (!detail.isBlank()) {
      message.append(": ").append(detail.strip());
    }
    if (!fix.isEmpty()) {
      message.append(" — ").append(fix);
    }
    return ExitException.refused(status, message.toString());
  }

  private static Optional<String> fileName(String disposition) {
    int at = disposition.indexOf("filename=");
    if (at < 0) {
      return Optional.empty();
    }
    String name = disposition.substring(at + 9).replace("\"", "").strip();
    int semicolon = name.indexOf(';');
    name = semicolon >= 0 ? name.substring(0, semicolon) : name;
    return name.matches("[A-Za-z0-9._-]+") ? Optional.of(name) : Optional.empty();
  }
}
