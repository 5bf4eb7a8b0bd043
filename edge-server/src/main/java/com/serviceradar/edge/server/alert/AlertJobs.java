package com.serviceradar.edge.server.alert;

import com.serviceradar.edge.server.system.JobLeases;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the two alert jobs while the context runs, each on its own daemon thread so a slow webhook
 * never delays evaluation: evaluation every {@code evaluate-interval} on the replica holding the
 * {@value #LEASE} lease, and webhook delivery every {@code poll-interval} on every replica (when a
 * webhook is configured). Stopping gives the lease up, so another replica takes over at once.
 */
@Component
class AlertJobs implements SmartLifecycle {

  static final String LEASE = "alert-evaluation";

  private static final Logger log = LoggerFactory.getLogger(AlertJobs.class);

  private final AlertEvaluation evaluation;
  private final WebhookDeliveries deliveries;
  private final AlertWebhook webhook;
  private final JobLeases leases;
  private final AlertSettings settings;
  private ScheduledExecutorService evaluator;
  private ScheduledExecutorService sender;

  AlertJobs(
      AlertEvaluation evaluation,
      WebhookDeliveries deliveries,
      AlertWebhook webhook,
      JobLeases leases,
      AlertSettings settings) {
    this.evaluation = evaluation;
    this.deliveries = deliveries;
    this.webhook = webhook;
    this.leases = leases;
    this.settings = settings;
  }

  /**
   * Long enough that a holder renews it many times over, short enough that a crashed holder's
   * successor starts soon.
   */
  Duration leaseLength() {
    Duration threeRounds = settings.evaluateInterval().multipliedBy(3);
    return threeRounds.compareTo(Duration.ofSeconds(10)) > 0 ? threeRounds : Duration.ofSeconds(10);
  }

  @Override
  public synchronized void start() {
    long evaluateMillis = settings.evaluateInterval().toMillis();
    evaluator = Executors.newSingleThreadScheduledExecutor(daemon("alert-evaluation"));
    evaluator.scheduleWithFixedDelay(
        this::evaluateIfLeader, evaluateMillis, evaluateMillis, TimeUnit.MILLISECONDS);
    if (webhook.isConfigured()) {
      long pollMillis = settings.webhook().pollInterval().toMillis();
      sender = Executors.newSingleThreadScheduledExecutor(daemon("alert-delivery"));
      sender.scheduleWithFixedDelay(this::deliver, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    boolean wasEvaluating = evaluator != null;
    shutDown(evaluator);
    shutDown(sender);
    evaluator = null;
    sender = null;
    if (wasEvaluating) {
      try {
        leases.release(LEASE);
      } catch (RuntimeException e) {
        log.warn("Could not give up the {} lease: {}", LEASE, e.getMessage());
      }
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return evaluator != null;
  }

  private void evaluateIfLeader() {
    try {
      if (leases.tryHold(LEASE, leaseLength())) {
        evaluation.evaluate();
      }
    } catch (RuntimeException e) {
      // A failed round (database unreachable) must not end the schedule; the next one retries.
      log.warn("Alert evaluation failed: {}", e.getMessage());
    }
  }

  private void deliver() {
    try {
      deliveries.deliverDue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Alert delivery failed: {}", e.getMessage());
    }
  }

  /** Lets a round in progress finish (a webhook attempt ends within its timeout), then stops. */
  private static void shutDown(ScheduledExecutorService executor) {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
