package com.serviceradar.edge.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page a refused request gets (status 403): a role that may not open the page, or a form
 * without a valid CSRF token.
 */
@Controller
class AccessDeniedPage {

  static final String PATH = "/access-denied";

  /** Forwards a refused request here, keeping the 403 status. */
  static AccessDeniedHandler handler() {
    AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
    handler.setErrorPage(PATH);
    return handler;
  }

  @RequestMapping(PATH)
  String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    boolean staleForm =
        request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException;
    model.addAttribute("status", 403);
    model.addAttribute(
        "detail",
        staleForm
            ? "This form has expired. Go back, reload the page and send it again."
            : "Your role may not open this page.");
    return "error-page";
  }
}
