package com.serviceradar.edge.verify;

/** The outcome of one check. */
public enum CheckStatus {
  /** Holds. */
  PASS,
  /** Holds for now, but needs attention (e.g. a certificate expiring soon). */
  WARN,
  /** Does not hold: the leaf will not work, or not as intended. */
  FAIL,
  /** Could not be run here (e.g. no nats-server installed, no API configured). */
  SKIP
}
