package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Whether the agent may start a due renewal now, judged by the site's latest rotation. Every
 * rolled-back renewal revokes its new leaf user, which changes the tenant account JWT and so every
 * site of the tenant syncs and reloads: a renewal that keeps failing must not be retried at every
 * timer run. And a renewal someone else is running (or the monitor is completing) is left alone.
 */
enum RenewalAttempt {
  /** Nothing stands in the way. */
  START,
  /** Another renewal is under way: a recent pending one, or one cut over and awaiting the hub. */
  IN_PROGRESS,
  /** A renewal that stopped before its cut-over (its renewer died): roll it back first. */
  ABANDONED,
  /** The last renewal was rolled back less than {@link #RETRY_AFTER} ago. */
  BACKING_OFF,
  /**
   * The last renewal completed less than {@link #RENEW_AT_MOST_EVERY} ago: certificates issued for
   * less than the renewal window ({@code EDGE_LEAF_CERT_VALIDITY} under 30 days) are due again at
   * once, and must not be renewed at every timer run.
   */
  RENEWED_RECENTLY;

  /** How long after a failed renewal the agent tries again. */
  static final Duration RETRY_AFTER = Duration.ofHours(6);

  /** The least time between two renewals of a site. */
  static final Duration RENEW_AT_MOST_EVERY = Duration.ofDays(1);

  /** A pending renewal older than this is abandoned: {@code renew} gives up far sooner. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  /**
   * @param latest the site's latest rotation ({@code GET .../rotate}), empty when it has none
   */
  static RenewalAttempt judge(Optional<JsonValue> latest, Instant now) {
    if (latest.isEmpty()) {
      return START;
    }
    JsonValue rotation = latest.get();
    return switch (Json.text(rotation, "state", "")) {
      case "pending" ->
          instant(rotation, "startedAt").plus(ABANDONED_AFTER).isBefore(now)
              ? ABANDONED
              : IN_PROGRESS;
      case "cutting_over" -> IN_PROGRESS;
      case "rolled_back" ->
          instant(rotation, "finishedAt").plus(RETRY_AFTER).isAfter(now) ? BACKING_OFF : START;
      case "completed" ->
          instant(rotation, "finishedAt").plus(RENEW_AT_MOST_EVERY).isAfter(now)
              ? RENEWED_RECENTLY
              : START;
      default -> START;
    };
  }

  private static Instant instant(JsonValue rotation, String field) {
    return OffsetDateTime.parse(Json.text(rotation, field, "")).toInstant();
  }
}
