package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.auth.SignedInUser;
import com.serviceradar.edge.server.system.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives page handlers the signed-in user as the {@link Actor} the features' services expect, with
 * the request's source address for the audit log. (API handlers get theirs from the bearer token
 * through {@code @AuthenticationPrincipal}.)
 */
final class CurrentActor implements HandlerMethodArgumentResolver {

  static SignedInUser signedInUser() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
      return user;
    }
    throw new InsufficientAuthenticationException("sign in first");
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Actor.class
        && !parameter.hasParameterAnnotation(AuthenticationPrincipal.class);
  }

  @Override
  public Actor resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer container,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
    return signedInUser().actor(http == null ? null : http.getRemoteAddr());
  }
}
