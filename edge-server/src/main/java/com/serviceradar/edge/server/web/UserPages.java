package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.auth.UserAccount;
import com.serviceradar.edge.server.auth.UserAccounts;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.PlatformOperator;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Platform operators list every tenant's web UI users and create tenant admins and viewers. */
@PlatformOperator
@Controller
@RequestMapping("/operator/users")
class UserPages {

  /** The roles this page hands out; platform operators are made through the API. */
  static final List<Role> TENANT_ROLES = List.of(Role.TENANT_ADMIN, Role.TENANT_VIEWER);

  /** The form as posted. The password is never put back into a page. */
  record UserForm(String tenantId, String username, String password, String role) {

    static UserForm empty() {
      return new UserForm("", "", null, Role.TENANT_ADMIN.wireName());
    }

    @Override
    public String toString() {
      return "UserForm[tenantId=" + tenantId + ", username=" + username + ", role=" + role + "]";
    }
  }

  /** One tenant's users; {@code tenant} null for the platform operators. */
  record TenantUsers(Tenant tenant, List<UserAccount> users) {}

  private final UserAccounts users;
  private final Tenants tenants;

  UserPages(UserAccounts users, Tenants tenants) {
    this.users = users;
    this.tenants = tenants;
  }

  @ModelAttribute("roles")
  List<String> roles() {
    return TENANT_ROLES.stream().map(Role::wireName).toList();
  }

  @GetMapping
  String list(Actor actor, Model model) {
    return page(actor, UserForm.empty(), Map.of(), model);
  }

  @PostMapping
  String create(
      Actor actor, @ModelAttribute UserForm form, Model model, RedirectAttributes redirect) {
    Map<String, String> errors = new LinkedHashMap<>();
    Tenant tenant = tenantOf(form.tenantId());
    if (tenant == null) {
      errors.put("tenantId", "Choose the user's tenant.");
    }
    Role role =
        TENANT_ROLES.stream()
            .filter(candidate -> candidate.wireName().equals(form.role()))
            .findFirst()
            .orElse(null);
    if (role == null) {
      errors.put("role", "Choose tenant admin or tenant viewer.");
    }
    if (errors.isEmpty()) {
      try {
        UserAccount created =
            users.create(actor, tenant.id(), form.username(), form.password(), role);
        redirect.addFlashAttribute(
            "notice",
            "Created "
                + role.wireName().replace('_', ' ')
                + " "
                + created.username()
                + " for "
                + tenant.name()
                + ".");
        return "redirect:/operator/users";
      } catch (ApiProblemException e) {
        errors.put(fieldOf(e), e.getMessage());
      }
    }
    return page(actor, form, errors, model);
  }

  /**
   * Which field the account rules refused: a taken name is a conflict, and each 400 names its field
   * first ("username must…", "password must…").
   */
  private static String fieldOf(ApiProblemException e) {
    if (e.status() == HttpStatus.CONFLICT || e.getMessage().startsWith("username")) {
      return "username";
    }
    return e.getMessage().startsWith("password") ? "password" : "form";
  }

  private Tenant tenantOf(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      return tenants.find(UUID.fromString(id.strip())).orElse(null);
    } catch (IllegalArgumentException notAnId) {
      return null;
    }
  }

  private String page(Actor actor, UserForm form, Map<String, String> errors, Model model) {
    List<Tenant> allTenants = tenants.list();
    List<UserAccount> accounts = users.list(actor);
    Map<UUID, List<UserAccount>> byTenant =
        accounts.stream()
            .filter(account -> account.tenantId() != null)
            .collect(Collectors.groupingBy(UserAccount::tenantId));
    model.addAttribute(
        "groups",
        allTenants.stream()
            .map(tenant -> new TenantUsers(tenant, byTenant.getOrDefault(tenant.id(), List.of())))
            .toList());
    model.addAttribute(
        "operators", accounts.stream().filter(account -> account.tenantId() == null).toList());
    model.addAttribute("tenants", allTenants);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "operator/users";
  }
}
