package com.serviceradar.edge.server.system;

/**
 * The control plane must not start: its configuration or stored state is inconsistent (a master key
 * that cannot open the stored keys, an imported root CA whose key does not match). The message says
 * what to fix, never a secret.
 */
public final class StartupRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StartupRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
