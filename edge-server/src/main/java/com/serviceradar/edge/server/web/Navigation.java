package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.system.Role;
import java.util.List;

/** The links in the page header, by role. A new page adds its entry here. */
final class Navigation {

  record Link(String label, String href) {}

  private Navigation() {}

  static List<Link> forRole(Role role) {
    return switch (role) {
      case PLATFORM_OPERATOR ->
          List.of(
              new Link("Tenants", "/operator/tenants"),
              new Link("Fleet", "/operator/fleet"),
              new Link("Users", "/operator/users"),
              new Link("Audit log", "/operator/audit"));
      case TENANT_ADMIN, TENANT_VIEWER ->
          List.of(
              new Link("Edge sites", "/admin/edge-sites"),
              new Link("Collectors", "/admin/collectors"),
              new Link("Audit log", "/admin/audit"));
      // Site agents are edge hosts' API tokens, never signed-in people (UserAccounts refuses).
      case SITE_AGENT -> throw new IllegalArgumentException("site agents have no pages");
    };
  }

  /** Where a user lands after signing in. */
  static String home(Role role) {
    return forRole(role).get(0).href();
  }
}
