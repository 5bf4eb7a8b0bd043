package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.auth.SignedInUser;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs (who is signed in, the navigation), and errors shown as a page
 * rather than as the API's problem+json.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageModel {

  /** The signed-in user as the layout shows it. */
  record Me(String username, Role role) {

    public boolean isAdmin() {
      return role == Role.TENANT_ADMIN;
    }

    public String roleLabel() {
      return role.wireName().replace('_', ' ');
    }
  }

  @ModelAttribute
  void layout(Model model, HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
      model.addAttribute("me", new Me(user.getUsername(), user.role()));
      model.addAttribute("navigation", Navigation.forRole(user.role()));
    } else {
      model.addAttribute("navigation", List.of());
    }
    model.addAttribute("currentPath", request.getRequestURI());
  }

  @ExceptionHandler(ApiProblemException.class)
  String onProblem(
      ApiProblemException e,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    layout(model, request);
    response.setStatus(e.status().value());
    model.addAttribute("status", e.status().value());
    model.addAttribute("detail", e.getMessage());
    return "error-page";
  }
}
