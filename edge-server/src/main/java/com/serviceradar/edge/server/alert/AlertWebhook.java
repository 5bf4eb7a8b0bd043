package com.serviceradar.edge.server.alert;

import com.serviceradar.edge.server.system.DataDirectory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * POSTs one alert transition to {@code EDGE_ALERT_WEBHOOK_URL}, signed.
 *
 * <p>Each request carries {@code Content-Type: application/json}, {@code X-ServiceRadar-Timestamp}
 * (Unix seconds at sending) and {@code X-ServiceRadar-Signature: sha256=<hex>}, the HMAC-SHA256 of
 * {@code "<timestamp>.<body>"} under the webhook secret (see {@link WebhookSignature}). Any 2xx
 * answer counts as delivered; redirects are not followed. A retried delivery has the same {@code
 * deliveryId} in its body, so a receiver can drop repeats.
 */
@Component
class AlertWebhook {

  /** What one attempt came to; the error names the status or the failure, never the secret. */
  record Attempt(boolean delivered, String error) {}

  private final AlertSettings.Webhook settings;
  private final Clock clock;
  private final WebhookSignature signature;
  private final HttpClient http;

  AlertWebhook(
      AlertSettings settings, DataDirectory dataDirectory, SecureRandom random, Clock clock) {
    this.settings = settings.webhook();
    this.clock = clock;
    if (this.settings.isConfigured()) {
      this.signature =
          new WebhookSignature(WebhookSecret.resolve(this.settings, dataDirectory, random));
      this.http =
          HttpClient.newBuilder()
              .connectTimeout(this.settings.timeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    } else {
      this.signature = null;
      this.http = null;
    }
  }

  boolean isConfigured() {
    return settings.isConfigured();
  }

  /** Where requests go, for logs: scheme, host and port only. */
  String origin() {
    return settings.origin();
  }

  Attempt post(byte[] body) throws InterruptedException {
    if (!isConfigured()) {
      throw new IllegalStateException("no webhook is configured (EDGE_ALERT_WEBHOOK_URL)");
    }
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.url().strip()))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("X-ServiceRadar-Timestamp", Long.toString(timestamp))
            .header("X-ServiceRadar-Signature", signature.sign(timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return status >= 200 && status < 300
          ? new Attempt(true, null)
          : new Attempt(false, "the webhook answered HTTP " + status);
    } catch (IOException e) {
      return new Attempt(false, describe(e));
    }
  }

  /** The failure without the URL, whose path or query may hold a token. */
  private String describe(IOException e) {
    if (e instanceof HttpTimeoutException) {
      return "no answer from " + origin() + " within " + settings.timeout().toMillis() + " ms";
    }
    if (e instanceof ConnectException && e.getMessage() == null) {
      return "cannot connect to " + origin();
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    message = message.replace(settings.url().strip(), origin());
    String described =
        e.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message.strip());
    return described.length() <= 500 ? described : described.substring(0, 500);
  }
}
