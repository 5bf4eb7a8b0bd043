package com.serviceradar.edge.server.alert;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery queue and its moves: {@code pending} → {@code sending} (claimed by one replica) →
 * {@code delivered}, back to {@code pending} with a later attempt time, or {@code failed} for good.
 * A claim whose time ran out (its replica died) is due again.
 */
@Repository
class DeliveryRepository {

  /** A claimed delivery with what its webhook body says. */
  record Claimed(UUID id, Transition transition, int attempts, Alert alert) {}

  private static final String DUE =
      "((state = 'pending' AND next_attempt_at <= :now)"
          + " OR (state = 'sending' AND claimed_until < :now))";

  private final JdbcClient jdbc;

  DeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Due deliveries, oldest first; claim each before sending it. */
  List<UUID> due(OffsetDateTime now, int limit) {
    return jdbc.sql(
            "SELECT id FROM alert_deliveries WHERE "
                + DUE
                + " ORDER BY next_attempt_at, id LIMIT :limit")
        .param("now", now)
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }

  /**
   * Claims one delivery for {@code replica} until {@code until}, counting the attempt. One
   * conditional UPDATE: when two replicas race for the row, the database lets one change it and the
   * other finds it no longer due, so each transition is sent by one replica.
   *
   * @return the claimed delivery, or empty when another replica was first
   */
  Optional<Claimed> claim(UUID id, String replica, OffsetDateTime now, OffsetDateTime until) {
    int claimed =
        jdbc.sql(
                "UPDATE alert_deliveries SET state = 'sending', claimed_by = :replica,"
                    + " claimed_until = :until, attempts = attempts + 1 WHERE id = :id AND "
                    + DUE)
            .param("replica", replica)
            .param("until", until)
            .param("id", id)
            .param("now", now)
            .update();
    if (claimed != 1) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            SELECT d.id AS delivery_id, d.transition, d.attempts, a.id, a.edge_site_id, a.tenant_id,
                   a.site_name, a.site_slug, a.kind, a.severity, a.state, a.opened_at, a.resolved_at,
                   a.detail
              FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
             WHERE d.id = :id
            """)
        .param("id", id)
        .query(
            (rs, row) ->
                new Claimed(
                    rs.getObject("delivery_id", UUID.class),
                    Transition.fromWireName(rs.getString("transition")),
                    rs.getInt("attempts"),
                    AlertRepository.alert(rs)))
        .optional();
  }

  /** Keeps {@code last_error}: it tells why earlier attempts failed. */
  void markDelivered(UUID id, String replica, OffsetDateTime now) {
    jdbc.sql(
            """
            UPDATE alert_deliveries
               SET state = 'delivered', delivered_at = :now, claimed_by = NULL, claimed_until = NULL
             WHERE id = :id AND state = 'sending' AND claimed_by = :replica
            """)
        .param("now", now)
        .param("id", id)
        .param("replica", replica)
        .update();
  }

  /** Another attempt at {@code nextAttemptAt}. */
  void retryAt(UUID id, String replica, OffsetDateTime nextAttemptAt, String error) {
    jdbc.sql(
            """
            UPDATE alert_deliveries
               SET state = 'pending', next_attempt_at = :next, claimed_by = NULL,
                   claimed_until = NULL, last_error = :error
             WHERE id = :id AND state = 'sending' AND claimed_by = :replica
            """)
        .param("next", nextAttemptAt)
        .param("error", error)
        .param("id", id)
        .param("replica", replica)
        .update();
  }

  /** No more attempts. */
  void markFailed(UUID id, String replica, String error) {
    jdbc.sql(
            """
            UPDATE alert_deliveries
               SET state = 'failed', claimed_by = NULL, claimed_until = NULL, last_error = :error
             WHERE id = :id AND state = 'sending' AND claimed_by = :replica
            """)
        .param("error", error)
        .param("id", id)
        .param("replica", replica)
        .update();
  }
}
