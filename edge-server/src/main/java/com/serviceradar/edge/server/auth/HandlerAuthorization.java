package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.HandlerAccess;
import com.serviceradar.edge.server.system.Role;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a request reach one of our controllers' handlers only if its caller's role is one the
 * handler's authorization annotation admits; otherwise refuses it, and the security filter chain
 * answers as for any refusal (the API's 401 or 403 problem, the pages' login redirect or forbidden
 * page).
 *
 * <p>An interceptor rather than {@code @PreAuthorize}: it runs once the handler is chosen but
 * before its arguments are read, so a refused caller hears 403 before any complaint about its body,
 * path or query values (method security would check after binding them), as when the filter chain
 * decided.
 */
final class HandlerAuthorization implements HandlerInterceptor {

  private static final HandlerAccess NOBODY = new HandlerAccess(Set.of(), false);

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)
        || !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), Controller.class)
        // The async dispatch that completes a live stream was authorized when the stream opened.
        || request.getDispatcherType() == DispatcherType.ASYNC) {
      return true;
    }
    // A handler that declares nobody (the architecture test forbids it) admits nobody.
    HandlerAccess access =
        HandlerAccess.of(method.getMethod(), method.getBeanType()).orElse(NOBODY);
    if (!access.open() && !admits(access, SecurityContextHolder.getContext().getAuthentication())) {
      throw new RoleRefusedException();
    }
    return true;
  }

  private static boolean admits(HandlerAccess access, Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return false;
    }
    Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
    return Arrays.stream(Role.values())
        .filter(access::admits)
        .anyMatch(
            role ->
                authorities.stream()
                    .anyMatch(granted -> ("ROLE_" + role.name()).equals(granted.getAuthority())));
  }

  /** The caller's role may not call this handler. */
  static final class RoleRefusedException extends AccessDeniedException {
    private static final long serialVersionUID = 1L;

    RoleRefusedException() {
      super("not allowed for this role");
    }
  }
}
