package com.serviceradar.edge.server.alert;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When alerts open and where they go.
 *
 * @param disconnectAfter how long a leaf stays disconnected before it is an alert ({@code
 *     EDGE_ALERT_DISCONNECT_AFTER})
 * @param evaluateInterval how often the replica holding the evaluation lease compares alerts with
 *     the sites' state
 * @param webhook where alert transitions are POSTed
 */
@ConfigurationProperties("edge.alert")
record AlertSettings(
    @DefaultValue("5m") Duration disconnectAfter,
    @DefaultValue("15s") Duration evaluateInterval,
    @DefaultValue Webhook webhook) {

  AlertSettings {
    requirePositive("edge.alert.disconnect-after", disconnectAfter);
    requirePositive("edge.alert.evaluate-interval", evaluateInterval);
  }

  /**
   * The webhook.
   *
   * @param url where transitions are POSTed ({@code EDGE_ALERT_WEBHOOK_URL}); blank means none are
   *     queued or sent
   * @param secret the HMAC-SHA256 key of the signature header ({@code EDGE_ALERT_WEBHOOK_SECRET});
   *     blank means generate one into the data directory
   * @param pollInterval how often every replica looks for due deliveries
   * @param retryBase the wait after the first failed attempt; it doubles with each further one
   * @param retryMax the longest wait between attempts
   * @param maxAttempts attempts before a delivery is given up as {@code failed}
   * @param timeout the connect and the response timeout of one attempt
   */
  record Webhook(
      @DefaultValue("") String url,
      @DefaultValue("") String secret,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("2s") Duration retryBase,
      @DefaultValue("5m") Duration retryMax,
      @DefaultValue("20") int maxAttempts,
      @DefaultValue("10s") Duration timeout) {

    Webhook {
      if (!url.isBlank()) {
        requireHttpUrl(url.strip());
      }
      requirePositive("edge.alert.webhook.poll-interval", pollInterval);
      requirePositive("edge.alert.webhook.retry-base", retryBase);
      requirePositive("edge.alert.webhook.timeout", timeout);
      if (retryMax.compareTo(retryBase) < 0) {
        throw new IllegalArgumentException(
            "edge.alert.webhook.retry-max must not be shorter than edge.alert.webhook.retry-base");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("edge.alert.webhook.max-attempts must be at least 1");
      }
    }

    boolean isConfigured() {
      return !url.isBlank();
    }

    /** Scheme, host and port only, for logs: the path or query may hold a token. */
    String origin() {
      if (url.isBlank()) {
        return "";
      }
      URI uri = URI.create(url.strip());
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    @Override
    public String toString() {
      return "Webhook[url="
          + origin()
          + ", secret="
          + (secret.isEmpty() ? "(generated)" : "****")
          + ", pollInterval="
          + pollInterval
          + ", retryBase="
          + retryBase
          + ", retryMax="
          + retryMax
          + ", maxAttempts="
          + maxAttempts
          + ", timeout="
          + timeout
          + "]";
    }
  }

  /** The URL is not echoed: a webhook URL often carries a token of its own. */
  private static void requireHttpUrl(String url) {
    String problem =
        "EDGE_ALERT_WEBHOOK_URL (edge.alert.webhook.url) must be an absolute http or https URL";
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(problem);
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static void requirePositive(String setting, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting + " must be longer than zero");
    }
  }
}
