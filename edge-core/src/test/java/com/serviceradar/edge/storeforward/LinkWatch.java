package com.serviceradar.edge.storeforward;

import com.serviceradar.edge.testing.LocalNats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Records when each leaf's {@code /leafz} first shows its link up (System.nanoTime). */
final class LinkWatch implements AutoCloseable {
  private final Thread thread;
  private volatile boolean running = true;

  LinkWatch(List<Integer> monitoringPorts, Map<Integer, Long> linkedAt) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    thread =
        new Thread(
            () -> {
              while (running && linkedAt.size() < monitoringPorts.size()) {
                for (int port : monitoringPorts) {
                  if (!linkedAt.containsKey(port) && linked(http, port)) {
                    linkedAt.put(port, System.nanoTime());
                  }
                }
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "link-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private static boolean linked(HttpClient http, int port) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/leafz"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return LocalNats.leafnodes(response.body()) > 0;
    } catch (IOException notAnswering) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(2_000);
  }
}
