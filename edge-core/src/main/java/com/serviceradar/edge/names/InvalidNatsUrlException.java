package com.serviceradar.edge.names;

/** A NATS URL is malformed or uses something other than nats:// or tls://. */
public final class InvalidNatsUrlException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidNatsUrlException(String message) {
    super(message);
  }
}
