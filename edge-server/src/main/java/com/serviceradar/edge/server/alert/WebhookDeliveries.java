package com.serviceradar.edge.server.alert;

import com.serviceradar.edge.server.system.JobLeases;
import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due deliveries to the webhook, on every replica: each is claimed right before it is sent,
 * so replicas share the queue without sending a transition twice. A failed attempt waits {@code
 * retryBase} doubled per earlier attempt (at most {@code retryMax}); after {@code maxAttempts} the
 * delivery is {@code failed}.
 */
@Component
class WebhookDeliveries {

  /**
   * The webhook body: the alert as of the transition ({@code resolvedAt} only on {@code resolve}).
   * {@code deliveryId} stays the same across retries.
   */
  record Payload(
      UUID deliveryId,
      UUID alertId,
      String transition,
      String kind,
      String severity,
      UUID tenantId,
      UUID siteId,
      String siteName,
      String siteSlug,
      OffsetDateTime openedAt,
      OffsetDateTime resolvedAt,
      String detail) {

    static Payload of(DeliveryRepository.Claimed claimed) {
      Alert alert = claimed.alert();
      OffsetDateTime resolvedAt =
          switch (claimed.transition()) {
            case OPEN -> null;
            case RESOLVE -> alert.resolvedAt();
          };
      return new Payload(
          claimed.id(),
          alert.id(),
          claimed.transition().wireName(),
          alert.kind(),
          alert.severity(),
          alert.tenantId(),
          alert.siteId(),
          alert.siteName(),
          alert.siteSlug(),
          alert.openedAt(),
          resolvedAt,
          alert.detail());
    }
  }

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
  private static final int CANDIDATES_PER_ROUND = 20;

  private final DeliveryRepository deliveries;
  private final AlertWebhook webhook;
  private final AlertSettings.Webhook settings;
  private final JsonMapper json;
  private final Clock clock;
  private final String replica;

  WebhookDeliveries(
      DeliveryRepository deliveries,
      AlertWebhook webhook,
      AlertSettings settings,
      JsonMapper json,
      Clock clock,
      JobLeases leases) {
    this.deliveries = deliveries;
    this.webhook = webhook;
    this.settings = settings.webhook();
    this.json = json;
    this.clock = clock;
    this.replica = leases.replica();
  }

  /**
   * Longer than any one attempt can take (connect plus response timeout), so a live replica never
   * loses a claim while it is still sending.
   */
  Duration claimLength() {
    return settings.timeout().multipliedBy(2).plusSeconds(30);
  }

  /** Sends what is due now, one delivery at a time, until nothing is left that this replica got. */
  void deliverDue() throws InterruptedException {
    boolean more = true;
    while (more && !Thread.currentThread().isInterrupted()) {
      more = false;
      OffsetDateTime now = Timestamps.now(clock);
      for (UUID id : deliveries.due(now, CANDIDATES_PER_ROUND)) {
        var claimed = deliveries.claim(id, replica, now, now.plus(claimLength()));
        if (claimed.isPresent()) {
          send(claimed.get());
          more = true;
          break;
        }
      }
    }
  }

  private void send(DeliveryRepository.Claimed claimed) throws InterruptedException {
    byte[] body = json.writeValueAsBytes(Payload.of(claimed));
    AlertWebhook.Attempt attempt = webhook.post(body);
    OffsetDateTime now = Timestamps.now(clock);
    Alert alert = claimed.alert();
    if (attempt.delivered()) {
      deliveries.markDelivered(claimed.id(), replica, now);
      log.info(
          "Delivered the {} of {} alert {} to {}",
          claimed.transition().wireName(),
          alert.kind(),
          alert.id(),
          webhook.origin());
    } else if (claimed.attempts() >= settings.maxAttempts()) {
      deliveries.markFailed(claimed.id(), replica, attempt.error());
      log.error(
          "Gave up delivering the {} of alert {} to {} after {} attempts: {}",
          claimed.transition().wireName(),
          alert.id(),
          webhook.origin(),
          claimed.attempts(),
          attempt.error());
    } else {
      OffsetDateTime next = now.plus(backOff(claimed.attempts()));
      deliveries.retryAt(claimed.id(), replica, next, attempt.error());
      log.warn(
          "Delivering the {} of alert {} to {} failed (attempt {}): {}; next attempt at {}",
          claimed.transition().wireName(),
          alert.id(),
          webhook.origin(),
          claimed.attempts(),
          attempt.error(),
          next);
    }
  }

  /** {@code retryBase × 2^(attempts-1)}, at most {@code retryMax}. */
  Duration backOff(int attempts) {
    Duration wait = settings.retryBase();
    for (int i = 1; i < attempts && wait.compareTo(settings.retryMax()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.retryMax()) < 0 ? wait : settings.retryMax();
  }
}
