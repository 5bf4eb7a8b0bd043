package com.serviceradar.edge.names;

/** A slug, or the name it would be derived from, breaks the slug rules. The message says which. */
public final class InvalidSlugException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidSlugException(String message) {
    super(message);
  }
}
