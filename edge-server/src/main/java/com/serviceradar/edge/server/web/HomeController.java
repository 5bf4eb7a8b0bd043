package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.system.PlatformOperator;
import com.serviceradar.edge.server.system.Public;
import com.serviceradar.edge.server.system.TenantReaderOrOperator;
import com.serviceradar.edge.server.tenant.Tenants;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Sign-in, the landing redirect by role, and the platform operator's tenant list. */
@Controller
class HomeController {

  private final Tenants tenants;

  HomeController(Tenants tenants) {
    this.tenants = tenants;
  }

  @Public("the sign-in form")
  @GetMapping("/login")
  String login() {
    return "login";
  }

  /** Where Spring Security forwards a request the user's role may not make. */
  @Public("Spring Security forwards refused requests here, whatever their method")
  @RequestMapping("/forbidden")
  String forbidden(Model model) {
    model.addAttribute("status", 403);
    model.addAttribute("detail", "Your role may not open this page or make this change.");
    return "error-page";
  }

  @TenantReaderOrOperator
  @GetMapping("/")
  String home() {
    return "redirect:" + Navigation.home(CurrentActor.signedInUser().role());
  }

  @PlatformOperator
  @GetMapping("/operator/tenants")
  String tenants(Model model) {
    model.addAttribute("tenants", tenants.list());
    return "operator/tenants";
  }
}
