package com.serviceradar.edge.storeforward;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Learns, exactly, how far a stream at the hub holds each of its sources — a relay each site's
 * {@code EDGE_BUFFER}, {@code EDGE_INGEST} each relay: a durable, headers-only consumer reads the
 * {@code Nats-Stream-Source} header the hub writes into every sourced message ({@code
 * EDGE_BUFFER:<hash> <buffer sequence>}, {@code EDGE_RELAY_00 <relay sequence>}, the same header
 * nats-server itself scans to resume a source). The hub's source info has no such sequence (its
 * {@code lag} is only updated with deliveries), and its source consumers on the leafs are not
 * listed.
 */
public final class IngestDeliveries {

  public static final String CONSUMER = "EDGE_DELIVERIES";
  static final String SOURCE_HEADER = "Nats-Stream-Source";

  /**
   * The newest delivery per source index name in one batch, and how far into the stream the batch
   * reached ({@code readTo}, 0 when it was empty); ack it once they are recorded.
   */
  public record Batch(Map<String, Delivered> newest, int messages, long readTo, Message last) {
    public void ack() {
      if (last != null) {
        last.ack();
      }
    }
  }

  private final Connection connection;
  private final Duration timeout;
  private final String stream;

  /** Reads {@code stream}'s deliveries: {@code EDGE_INGEST}, or a relay's name. */
  public IngestDeliveries(Connection connection, Duration timeout, String stream) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.stream = Objects.requireNonNull(stream, "stream");
  }

  /** Creates the durable consumer on the stream when it is missing. */
  public void ensureConsumer() throws IOException, JetStreamApiException {
    JetStreamManagement hub =
        connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(timeout).build());
    hub.addOrUpdateConsumer(
        stream,
        ConsumerConfiguration.builder()
            .durable(CONSUMER)
            .description("ServiceRadar Edge: how far the hub holds each source of this stream")
            .deliverPolicy(DeliverPolicy.All)
            .ackPolicy(AckPolicy.All)
            .ackWait(Duration.ofSeconds(30))
            .maxAckPending(-1)
            .headersOnly(true)
            .build());
  }

  /** Reads up to {@code max} messages' headers, waiting at most {@code wait} for the first. */
  public Batch poll(int max, Duration wait)
      throws IOException, JetStreamApiException, InterruptedException {
    JetStreamSubscription subscription =
        connection
            .jetStream(JetStreamOptions.builder().requestTimeout(timeout).build())
            .subscribe(null, PullSubscribeOptions.bind(stream, CONSUMER));
    try {
      List<Message> messages = subscription.fetch(max, wait);
      Map<String, Delivered> newest = new HashMap<>();
      for (Message message : messages) {
        String source =
            message.getHeaders() == null ? null : message.getHeaders().getFirst(SOURCE_HEADER);
        if (source == null) {
          continue; // published at the hub by a SaaS-direct collector
        }
        String[] fields = source.trim().split(" ");
        if (fields.length < 2) {
          continue;
        }
        Delivered delivered =
            new Delivered(
                Long.parseLong(fields[1]),
                message.metaData().streamSequence(),
                message.metaData().timestamp().toInstant());
        newest.merge(fields[0], delivered, Delivered::max);
      }
      Message last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
      return new Batch(
          newest, messages.size(), last == null ? 0 : last.metaData().streamSequence(), last);
    } finally {
      subscription.unsubscribe();
    }
  }
}
