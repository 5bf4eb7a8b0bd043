package com.serviceradar.edge.server.web;

import java.time.Duration;
import java.time.OffsetDateTime;

/** A span of time as a person reads it at a glance: "45m", "3h", "2d 4h". */
final class Elapsed {

  private Elapsed() {}

  /** From {@code start} to {@code end}, rounded down; a negative span reads as zero. */
  static String between(OffsetDateTime start, OffsetDateTime end) {
    Duration span = Duration.between(start, end);
    if (span.isNegative() || span.toMinutes() < 1) {
      return "under a minute";
    }
    long days = span.toDays();
    long hours = span.toHoursPart();
    if (days > 0) {
      return hours == 0 ? days + "d" : days + "d " + hours + "h";
    }
    return span.toHours() > 0 ? span.toHours() + "h" : span.toMinutes() + "m";
  }
}
