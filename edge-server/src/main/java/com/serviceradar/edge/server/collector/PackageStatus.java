package com.serviceradar.edge.server.collector;

import java.util.Arrays;
import java.util.Locale;

/** A package is active until it is revoked, for good. */
public enum PackageStatus {
  ACTIVE,
  REVOKED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static PackageStatus fromWireName(String text) {
    return Arrays.stream(values())
        .filter(status -> status.wireName().equals(text))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown package status " + text));
  }

  /** The one legal move. */
  PackageStatus revoke() {
    return switch (this) {
      case ACTIVE -> REVOKED;
      case REVOKED -> throw new IllegalStateException("the package is already revoked");
    };
  }
}
