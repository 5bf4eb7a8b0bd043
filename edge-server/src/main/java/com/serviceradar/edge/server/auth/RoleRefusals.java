package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.auth.HandlerAuthorization.RoleRefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Passes a refused role on to the security filter chain, which answers it (401 or 403 problem,
 * login redirect or forbidden page). Without this, the problem advice's catch-all would make it a
 * 500; ahead of that advice, and for this one exception only.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RoleRefusals {

  @ExceptionHandler(RoleRefusedException.class)
  void passOn(RoleRefusedException refused) {
    throw refused;
  }
}
