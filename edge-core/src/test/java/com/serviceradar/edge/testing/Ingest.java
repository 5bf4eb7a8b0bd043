package com.serviceradar.edge.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.serviceradar.edge.storeforward.EdgeStreams;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Reads the hub's EDGE_INGEST as a SaaS consumer would, for assertions. */
public final class Ingest {

  private Ingest() {}

  public static long count(Connection hub) {
    try {
      StreamInfo info = hub.jetStreamManagement().getStreamInfo(EdgeStreams.INGEST);
      return info.getStreamState().getMsgCount();
    } catch (IOException | JetStreamApiException e) {
      return -1;
    }
  }

  /** Waits until {@code count} reaches {@code expected} (or passes it); the last count seen. */
  public static long awaitCount(LongSupplier count, long expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long seen;
    do {
      seen = count.getAsLong();
      if (seen >= expected) {
        return seen;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return seen;
  }

  /** Every payload in EDGE_INGEST, in stream order, through an ephemeral pull consumer. */
  public static List<String> payloads(Connection hub)
      throws IOException, JetStreamApiException, InterruptedException {
    JetStreamSubscription subscription =
        hub.jetStream()
            .subscribe(
                null,
                PullSubscribeOptions.builder().stream(EdgeStreams.INGEST)
                    .configuration(ConsumerConfiguration.builder().build())
                    .build());
    List<String> payloads = new ArrayList<>();
    List<Message> batch;
    do {
      batch = subscription.fetch(1000, Duration.ofMillis(500));
      for (Message message : batch) {
        payloads.add(new String(message.getData(), UTF_8));
        message.ack();
      }
    } while (!batch.isEmpty());
    subscription.unsubscribe();
    return payloads;
  }
}
