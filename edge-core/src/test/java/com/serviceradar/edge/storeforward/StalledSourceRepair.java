package com.serviceradar.edge.storeforward;

import com.serviceradar.edge.names.SiteSlug;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's repair of a stalled source (edge-server {@code TenantBufferRound} with {@code
 * BufferRules.stalledSince} and {@code needsRestart}) in small, for one site, on a thread of its
 * own: every {@code every} it moves the site's delivery watermark ({@link IngestDeliveries}), asks
 * the leaf for its {@code EDGE_BUFFER} across the link, and counts the source stalled while the
 * leaf answers, messages wait for the hub and the watermark stands still. A stall lasting {@code
 * stallAfter} is repaired with {@link TenantStreams#restartSource}. NATS-FACTS.md, "JetStream
 * across the leaf link", "Known risk".
 */
final class StalledSourceRepair implements AutoCloseable {

  /** One repair: when, how long the watermark had stood still, and what waited. */
  record Restart(long atNanos, long watermark, long undelivered) {}

  private static final int BATCH = 1_000;

  private final TenantStreams streams;
  private final IngestDeliveries deliveries;
  private final SiteSlug site;
  private final String sourceIndex;
  private final Duration stallAfter;
  private final Duration every;
  private final Thread thread;
  private final List<Restart> restarts = new ArrayList<>();
  private volatile boolean running = true;
  private volatile long watermark;
  private volatile long longestStallNanos;
  private volatile Exception lastError;
  private long stalledSince = -1;

  private StalledSourceRepair(
      Connection hub, SiteSlug site, Duration stallAfter, Duration every, Duration timeout) {
    this.streams = new TenantStreams(hub, timeout);
    this.deliveries = new IngestDeliveries(hub, timeout, OneRelay.NAME);
    this.site = site;
    this.sourceIndex = EdgeStreams.sourceIndexName(site);
    this.stallAfter = stallAfter;
    this.every = every;
    this.thread = new Thread(this::run, "stalled-source-repair-" + site.value());
    thread.setDaemon(true);
  }

  /**
   * Starts watching the site's source in {@code EDGE_INGEST} (which must exist).
   *
   * @param timeout for each request, at the hub and across the link
   */
  static StalledSourceRepair watch(
      Connection hub, SiteSlug site, Duration stallAfter, Duration every, Duration timeout)
      throws IOException, JetStreamApiException {
    StalledSourceRepair repair = new StalledSourceRepair(hub, site, stallAfter, every, timeout);
    repair.deliveries.ensureConsumer();
    repair.thread.start();
    return repair;
  }

  private void run() {
    while (running) {
      try {
        observe();
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) { // keep watching, as the control plane's next round does
        lastError = e;
      }
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void observe() throws IOException, JetStreamApiException, InterruptedException {
    boolean moved = readDeliveries();
    Optional<BufferState> buffer;
    try {
      buffer = streams.buffer(site);
    } catch (IOException | JetStreamApiException | IllegalStateException unreachable) {
      buffer = Optional.empty(); // the leaf does not answer across the link: not judged
    }
    long now = System.nanoTime();
    long undelivered = buffer.map(state -> state.undeliveredAfter(watermark)).orElse(0L);
    if (buffer.isEmpty() || undelivered == 0 || moved) {
      stalledSince = -1;
      return;
    }
    if (stalledSince < 0) {
      stalledSince = now;
    }
    longestStallNanos = Math.max(longestStallNanos, now - stalledSince);
    if (now - stalledSince >= stallAfter.toNanos()) {
      streams.restartSource(0, RelaySource.fromStart(site));
      synchronized (restarts) {
        restarts.add(new Restart(now, watermark, undelivered));
      }
      stalledSince = -1;
    }
  }

  /** Moves the watermark to the newest of the site's messages the hub holds; true if it moved. */
  private boolean readDeliveries() throws IOException, JetStreamApiException, InterruptedException {
    long before = watermark;
    IngestDeliveries.Batch batch;
    do {
      batch = deliveries.poll(BATCH, Duration.ofMillis(50));
      for (Map.Entry<String, Delivered> newest : batch.newest().entrySet()) {
        if (newest.getKey().equals(sourceIndex)) {
          watermark = Math.max(watermark, newest.getValue().sourceSeq());
        }
      }
      batch.ack();
    } while (batch.messages() == BATCH);
    return watermark != before;
  }

  /** The newest buffer sequence the hub holds, as last read. */
  long watermark() {
    return watermark;
  }

  List<Restart> restarts() {
    synchronized (restarts) {
      return List.copyOf(restarts);
    }
  }

  /** The longest time the watermark stood still while the leaf answered and messages waited. */
  Duration longestStall() {
    return Duration.ofNanos(longestStallNanos);
  }

  Optional<Exception> lastError() {
    return Optional.ofNullable(lastError);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
