package com.serviceradar.edge.server.system;

import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or must know about, answered as an RFC 9457 problem with this status.
 * The message is the problem's {@code detail}: it is shown to the caller, so it never holds
 * secrets.
 */
public final class ApiProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;

  private ApiProblemException(HttpStatus status, String detail) {
    super(detail);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  /** The request is malformed or a value is invalid (400). */
  public static ApiProblemException invalid(String detail) {
    return new ApiProblemException(HttpStatus.BAD_REQUEST, detail);
  }

  /**
   * Nothing with that id exists for the caller (404). Other tenants' objects are reported the same
   * way, so ids cannot be probed across tenants.
   */
  public static ApiProblemException notFound(String detail) {
    return new ApiProblemException(HttpStatus.NOT_FOUND, detail);
  }

  /** The request clashes with the current state, such as a duplicate slug (409). */
  public static ApiProblemException conflict(String detail) {
    return new ApiProblemException(HttpStatus.CONFLICT, detail);
  }

  /** It existed but is used up for good, such as a redeemed or expired join token (410). */
  public static ApiProblemException gone(String detail) {
    return new ApiProblemException(HttpStatus.GONE, detail);
  }

  /** The caller is known but may not do this (403). */
  public static ApiProblemException forbidden(String detail) {
    return new ApiProblemException(HttpStatus.FORBIDDEN, detail);
  }
}
