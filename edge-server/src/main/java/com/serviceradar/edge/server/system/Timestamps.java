package com.serviceradar.edge.server.system;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Time as the database stores it. */
public final class Timestamps {

  private Timestamps() {}

  /**
   * Now in UTC, cut to microseconds: PostgreSQL keeps no more, so a value reads back equal to what
   * was written on both databases.
   */
  public static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.now(clock)
        .withOffsetSameInstant(ZoneOffset.UTC)
        .truncatedTo(ChronoUnit.MICROS);
  }
}
