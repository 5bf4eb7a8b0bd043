package com.serviceradar.edge.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem+json bodies for errors raised before a controller runs (authentication, access
 * denied, oversize bodies, the error page), so they look exactly like the ones the controller
 * advice returns.
 */
@Component
public class ProblemResponses {

  private final JsonMapper jsonMapper;

  ProblemResponses(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

  public static ProblemDetail problem(HttpStatus status, String detail, String path) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (path != null) {
      problem.setInstance(URI.create(path));
    }
    return problem;
  }

  public void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    jsonMapper.writeValue(
        response.getOutputStream(), problem(status, detail, request.getRequestURI()));
  }
}
