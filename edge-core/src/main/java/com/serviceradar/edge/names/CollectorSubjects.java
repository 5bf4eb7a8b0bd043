package com.serviceradar.edge.names;

import java.util.List;

/**
 * The subjects collectors publish to (ARCHITECTURE.md, "Store-and-forward"). At an edge site these
 * are the buffered subjects: its leaf's {@code EDGE_BUFFER} stream captures them, and they never
 * cross the live leaf link in either direction.
 */
public final class CollectorSubjects {

  /** Every subject a collector may publish to. */
  public static final List<String> ALL =
      List.of("events.>", "snmp.>", "syslog.>", "netflow.>", "otel.>", "logs.>", "telemetry.>");

  /** Request replies (and JetStream publish acks) arrive here. */
  public static final String INBOX = "_INBOX.>";

  private CollectorSubjects() {}
}
