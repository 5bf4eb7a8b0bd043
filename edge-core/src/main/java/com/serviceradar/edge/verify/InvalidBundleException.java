package com.serviceradar.edge.verify;

/** A file that is not a readable bundle archive; the message says why, without file content. */
public final class InvalidBundleException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidBundleException(String message) {
    super(message);
  }
}
