package com.serviceradar.edge.cli;

/**
 * Ends a command with an exit code and a one-line message naming the problem and the fix; {@link
 * EdgeCli} prints it (with the stack trace only under {@code -x}).
 */
final class ExitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Exit code for a failure: a refused request, a failed check, an unreachable API. */
  static final int FAILURE = 1;

  /** Exit code for a usage problem: a missing option, no API configured. */
  static final int USAGE = 2;

  private final int exitCode;
  private final int httpStatus;

  ExitException(int exitCode, String message) {
    this(exitCode, message, 0);
  }

  private ExitException(int exitCode, String message, int httpStatus) {
    super(message);
    this.exitCode = exitCode;
    this.httpStatus = httpStatus;
  }

  ExitException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.httpStatus = 0;
  }

  /** A failure because the control plane answered with an error {@code httpStatus}. */
  static ExitException refused(int httpStatus, String message) {
    return new ExitException(FAILURE, message, httpStatus);
  }

  /** Whether the control plane refused with this HTTP status. */
  boolean isRefusal(int status) {
    return httpStatus == status;
  }

  static ExitException failure(String message) {
    return new ExitException(FAILURE, message);
  }

  static ExitException usage(String message) {
    return new ExitException(USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
