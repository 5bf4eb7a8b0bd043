package com.serviceradar.edge.storeforward;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Acked publishes into EDGE_INGEST at the hub, one every 10 ms, timing each until closed. */
final class PublishProbe implements AutoCloseable {
  private final Connection connection;
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;
  private volatile boolean running = true;

  PublishProbe(Connection connection) {
    this.connection = connection;
    JetStream js;
    try {
      js =
          connection.jetStream(
              JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(30)).build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    thread =
        new Thread(
            () -> {
              while (running) {
                long before = System.nanoTime();
                try {
                  js.publish(
                      StoreAndForwardBenchmark.message(
                          "events.probe",
                          "saas/probe/" + before,
                          StoreAndForwardBenchmark.pad("p;")));
                  latencies.add(System.nanoTime() - before);
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception failed) {
                  latencies.add(System.nanoTime() - before);
                }
              }
            },
            "probe");
    thread.start();
  }

  long[] latencies() {
    synchronized (latencies) {
      return latencies.stream().mapToLong(Long::longValue).toArray();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(15_000);
    connection.close();
  }
}
