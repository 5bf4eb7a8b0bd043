package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The local nats-server's HTTP monitoring endpoints ({@code /varz}, {@code /leafz}) on loopback.
 */
final class LocalMonitoring {

  private static final Duration TIMEOUT = Doctor.NETWORK_TIMEOUT;

  private LocalMonitoring() {}

  /**
   * {@code http://127.0.0.1:<port>/<endpoint>} of a local nats-server as JSON; empty when it does
   * not answer or there is no port.
   */
  static Optional<JsonValue> monitoring(Optional<Integer> port, String endpoint) {
    return port.flatMap(number -> monitoring(number, endpoint));
  }

  /** {@code GET http://127.0.0.1:PORT/ENDPOINT} of a local nats-server; empty when it is silent. */
  static Optional<JsonValue> monitoring(int port, String endpoint) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + endpoint))
                  .timeout(TIMEOUT)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(Json.parse(response.body()))
          : Optional.empty();
    } catch (IOException | ExitException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
