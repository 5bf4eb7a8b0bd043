package com.serviceradar.edge.server.alert;

import java.util.Locale;

/** The moves of an alert that are announced to the webhook, once each. */
enum Transition {
  OPEN,
  RESOLVE;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Transition fromWireName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
