package com.serviceradar.edge.server.storeforward;

import com.serviceradar.edge.server.site.SiteBufferHealth;
import com.serviceradar.edge.server.site.SiteHealthChanged;
import com.serviceradar.edge.server.system.JobLeases;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps every tenant's store-and-forward streams in shape, every {@code interval} on the replica
 * holding the {@value #LEASE} lease, and at once when a leaf connects (its buffer is created or
 * brought to its limits while the link is up: leafs installed before store-and-forward get theirs
 * the same way, with no reinstall). Rounds run on one daemon thread, so they never overlap and a
 * slow leaf never holds up a request.
 */
@Component
class StoreAndForwardJob implements SmartLifecycle {

  static final String LEASE = "store-and-forward";

  private static final Logger log = LoggerFactory.getLogger(StoreAndForwardJob.class);

  private final TenantJetStream jetStream;
  private final SiteBufferHealth health;
  private final Tenants tenants;
  private final JobLeases leases;
  private final StoreAndForwardSettings settings;
  private final BufferMetrics metrics;
  private final Clock clock;
  private final AtomicBoolean roundRequested = new AtomicBoolean();
  private ScheduledExecutorService executor;

  StoreAndForwardJob(
      TenantJetStream jetStream,
      SiteBufferHealth health,
      Tenants tenants,
      JobLeases leases,
      StoreAndForwardSettings settings,
      BufferMetrics metrics,
      Clock clock) {
    this.jetStream = jetStream;
    this.health = health;
    this.tenants = tenants;
    this.leases = leases;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * A leaf that just connected, or a site whose buffer limits just changed, gets its buffer now
   * rather than at the next round.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void onSiteHealthChanged(SiteHealthChanged change) {
    if ("connected".equals(change.kind()) || "buffer-settings".equals(change.kind())) {
      requestRound();
    }
  }

  @Override
  public synchronized void start() {
    if (!jetStream.isConfigured()) {
      return;
    }
    long millis = settings.interval().toMillis();
    executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "store-and-forward");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::roundIfLeader, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
      jetStream.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
    try {
      leases.release(LEASE);
    } catch (RuntimeException e) {
      log.warn("Could not give up the {} lease: {}", LEASE, e.getMessage());
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  private synchronized void requestRound() {
    if (executor != null && roundRequested.compareAndSet(false, true)) {
      executor.execute(this::roundIfLeader);
    }
  }

  private void roundIfLeader() {
    roundRequested.set(false);
    try {
      if (leases.tryHold(LEASE, leaseLength())) {
        round();
      }
    } catch (RuntimeException e) {
      // A failed round (database unreachable) must not end the schedule; the next one retries.
      log.warn("Store-and-forward round failed: {}", e.getMessage());
    }
  }

  private Duration leaseLength() {
    Duration threeRounds = settings.interval().multipliedBy(3);
    return threeRounds.compareTo(Duration.ofSeconds(30)) > 0 ? threeRounds : Duration.ofSeconds(30);
  }

  private void round() {
    List<Tenant> all = tenants.list();
    for (Tenant tenant : all) {
      try {
        Connection connection = jetStream.connection(tenant.id(), tenant.slug());
        new TenantBufferRound(connection, health, settings, clock).run(tenant.id());
      } catch (IOException | JetStreamApiException e) {
        log.warn(
            "Store-and-forward round of tenant {} failed: {}",
            tenant.slug().value(),
            e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    metrics.refresh(
        health.sites(),
        all.stream().collect(Collectors.toMap(Tenant::id, tenant -> tenant.slug().value())));
  }
}
