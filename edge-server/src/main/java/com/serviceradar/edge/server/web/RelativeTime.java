package com.serviceradar.edge.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** "3m ago" and friends, for people scanning a table; the exact time goes in a title. */
final class RelativeTime {

  private RelativeTime() {}

  static String since(OffsetDateTime at, Instant now) {
    if (at == null) {
      return "Never";
    }
    Duration ago = Duration.between(at.toInstant(), now);
    if (ago.toSeconds() < 60) {
      return "just now";
    }
    if (ago.toMinutes() < 60) {
      return ago.toMinutes() + "m ago";
    }
    if (ago.toHours() < 48) {
      return ago.toHours() + "h ago";
    }
    return ago.toDays() + "d ago";
  }
}
