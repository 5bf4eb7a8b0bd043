package com.serviceradar.edge.secrets;

/**
 * The value failed authentication under the master key it names: it was altered, or it was opened
 * with other associated data than it was sealed with (it belongs to another row or column).
 */
public final class TamperedSecretException extends SealedSecretException {

  private static final long serialVersionUID = 1L;

  TamperedSecretException(String message) {
    super(message);
  }
}
