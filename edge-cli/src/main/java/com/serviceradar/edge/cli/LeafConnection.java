package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until the control plane reports a site's leaf connected: what the hub sees, which a leaf
 * that only believes it is linked cannot fake.
 */
final class LeafConnection {

  private static final Duration POLL = Duration.ofMillis(500);

  private LeafConnection() {}

  /**
   * The site's JSON once its {@code leafServer.status} is {@code connected}.
   *
   * @throws ExitException a failure naming the last status when {@code wait} runs out
   */
  static JsonValue awaitConnected(ApiClient client, String siteId, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    JsonValue site;
    do {
      site = client.get("/api/v1/edge-sites/" + siteId);
      if ("connected".equals(Json.text(site, "leafServer.status", null))) {
        return site;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ExitException.failure("interrupted while waiting for the site to connect");
      }
    } while (Instant.now().isBefore(deadline));
    throw ExitException.failure(
        "the control plane does not report the leaf connected after "
            + wait.toSeconds()
            + " s (leaf status "
            + Json.text(site, "leafServer.status", "unknown")
            + "): run serviceradar-edge doctor on the edge host");
  }
}
