package com.serviceradar.edge.server.system;

import com.serviceradar.edge.names.InvalidNatsUrlException;
import com.serviceradar.edge.names.InvalidSlugException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure inside a controller into an RFC 9457 problem. Framework exceptions keep
 * Spring's status; ours carry their own; anything unexpected is a 500 whose body says nothing about
 * internals.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ApiProblemException.class)
  ProblemDetail onApiProblem(ApiProblemException e, HttpServletRequest request) {
    return ProblemResponses.problem(e.status(), e.getMessage(), request.getRequestURI());
  }

  @ExceptionHandler({InvalidSlugException.class, InvalidNatsUrlException.class})
  ProblemDetail onInvalidName(IllegalArgumentException e, HttpServletRequest request) {
    return ProblemResponses.problem(
        HttpStatus.BAD_REQUEST, e.getMessage(), request.getRequestURI());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail onBadPathOrQueryValue(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    String detail = e.getName() + " is not a valid " + describe(e.getRequiredType());
    // An id that is not even a UUID cannot name anything: answer as for any unknown id.
    HttpStatus status =
        e.getParameter()
                .hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)
            ? HttpStatus.NOT_FOUND
            : HttpStatus.BAD_REQUEST;
    return ProblemResponses.problem(status, detail, request.getRequestURI());
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail onUnexpected(Exception e, HttpServletRequest request) {
    log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return ProblemResponses.problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error; see the server log",
        request.getRequestURI());
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describeUnreadable(e));
    return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** Names the offending field without echoing the body, which may hold secrets. */
  private static String describeUnreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'";
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return "field '" + fieldPath(mismatch) + "' has the wrong type or is missing";
    }
    if (cause instanceof JacksonException) {
      return "request body is not valid JSON";
    }
    return "request body is missing or unreadable";
  }

  private static String fieldPath(MismatchedInputException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    return type == null ? "value" : type.getSimpleName();
  }
}
