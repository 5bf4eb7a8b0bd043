package com.serviceradar.edge.server.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's error page: errors the container forwards here (raised outside any controller,
 * see spring-boot#48392) get the same problem+json body as the rest of the API, and never a stack
 * trace.
 */
@Public("the container forwards errors here, some raised before or without authentication")
@RestController
class ProblemErrorController implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(status));
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (path instanceof String uri) {
      problem.setInstance(URI.create(uri));
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static String detailFor(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "no such resource";
      case METHOD_NOT_ALLOWED -> "method not allowed here";
      case PAYLOAD_TOO_LARGE -> "request body is larger than 1 MiB";
      case UNAUTHORIZED -> "a valid bearer token is required";
      case FORBIDDEN -> "not allowed for this role";
      default ->
          status.is5xxServerError()
              ? "internal error; see the server log"
              : status.getReasonPhrase();
    };
  }
}
