package com.serviceradar.edge.server.alert;

import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the open alerts with what the sites' state calls for, opening the missing ones and
 * resolving the rest. Each move, its queued delivery and its audit event commit together, so a
 * transition is announced exactly when it is stored. Runs on the replica holding the evaluation
 * lease; should two ever overlap, the one-open-alert constraint and the conditional resolve keep
 * each move single.
 */
@Component
class AlertEvaluation {

  /** Who the audit trail names for alert moves: the control plane itself. */
  static final Actor SYSTEM = new Actor("system", null, Role.PLATFORM_OPERATOR, null);

  private static final Logger log = LoggerFactory.getLogger(AlertEvaluation.class);

  private final AlertRepository repository;
  private final AlertWebhook webhook;
  private final AuditLog auditLog;
  private final TransactionTemplate transaction;
  private final AlertSettings settings;
  private final Clock clock;

  AlertEvaluation(
      AlertRepository repository,
      AlertWebhook webhook,
      AuditLog auditLog,
      TransactionTemplate transaction,
      AlertSettings settings,
      Clock clock) {
    this.repository = repository;
    this.webhook = webhook;
    this.auditLog = auditLog;
    this.transaction = transaction;
    this.settings = settings;
    this.clock = clock;
  }

  void evaluate() {
    OffsetDateTime now = Timestamps.now(clock);
    Map<DesiredAlert.Key, DesiredAlert> desired = new LinkedHashMap<>();
    for (DesiredAlert alert : repository.desired(now.minus(settings.disconnectAfter()))) {
      desired.putIfAbsent(alert.key(), alert);
    }
    List<Alert> open = repository.open();
    for (Alert alert : open) {
      if (desired.remove(alert.key()) == null) {
        resolve(alert, now);
      }
    }
    for (DesiredAlert cause : desired.values()) {
      open(cause, now);
    }
  }

  private void open(DesiredAlert cause, OffsetDateTime now) {
    Alert alert = Alert.open(UUID.randomUUID(), cause, now);
    try {
      transaction.executeWithoutResult(
          status -> {
            repository.insert(alert);
            announce(alert, Transition.OPEN, now);
          });
      log.info(
          "Opened {} alert {} for site {} ({})",
          alert.kind(),
          alert.id(),
          alert.siteId(),
          alert.severity());
    } catch (DuplicateKeyException openedElsewhere) {
      log.debug("A {} alert for site {} is open already", alert.kind(), alert.siteId());
    } catch (RuntimeException e) {
      log.warn("Could not open a {} alert for site {}", alert.kind(), alert.siteId(), e);
    }
  }

  private void resolve(Alert alert, OffsetDateTime now) {
    Alert resolved = alert.resolve(now);
    try {
      Boolean moved =
          transaction.execute(
              status -> {
                if (!repository.markResolved(resolved)) {
                  return false;
                }
                announce(resolved, Transition.RESOLVE, now);
                return true;
              });
      if (Boolean.TRUE.equals(moved)) {
        log.info("Resolved {} alert {} for site {}", alert.kind(), alert.id(), alert.siteId());
      }
    } catch (RuntimeException e) {
      log.warn("Could not resolve alert {}", alert.id(), e);
    }
  }

  /** Queues the webhook delivery (when one is configured) and audits the move. */
  private void announce(Alert alert, Transition transition, OffsetDateTime now) {
    if (webhook.isConfigured()) {
      repository.enqueueDelivery(alert.id(), transition, now);
    }
    String action =
        switch (transition) {
          case OPEN -> "alert.open";
          case RESOLVE -> "alert.resolve";
        };
    auditLog.record(
        AuditRecord.success(SYSTEM, action, "alert:" + alert.id())
            .forTenant(alert.tenantId())
            .withDetails(
                Map.of(
                    "edgeSite", "edge-site:" + alert.siteId(),
                    "kind", alert.kind(),
                    "severity", alert.severity())));
  }
}
