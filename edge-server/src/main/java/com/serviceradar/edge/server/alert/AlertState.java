package com.serviceradar.edge.server.alert;

import java.util.Locale;

/** An alert is {@code open} while its cause lasts and {@code resolved} for good after. */
enum AlertState {
  OPEN,
  RESOLVED;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static AlertState fromWireName(String value) {
    return switch (value) {
      case "open" -> OPEN;
      case "resolved" -> RESOLVED;
      default -> throw new IllegalArgumentException("unknown alert state '" + value + "'");
    };
  }
}
