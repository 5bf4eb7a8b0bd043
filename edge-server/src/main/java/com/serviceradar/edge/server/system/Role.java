package com.serviceradar.edge.server.system;

import java.util.Arrays;

/** What an API token or user may do. The wire name is the one in ARCHITECTURE.md. */
public enum Role {
  PLATFORM_OPERATOR("platform_operator"),
  TENANT_ADMIN("tenant_admin"),
  TENANT_VIEWER("tenant_viewer"),
  /** An edge host's own token: reads one site's configuration and reports what it installed. */
  SITE_AGENT("site_agent");

  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** A platform operator works across tenants; the tenant roles are bound to one tenant. */
  public boolean isTenantScoped() {
    return switch (this) {
      case PLATFORM_OPERATOR -> false;
      case TENANT_ADMIN, TENANT_VIEWER, SITE_AGENT -> true;
    };
  }

  /** A site agent is bound to one edge site of its tenant; the other roles to none. */
  public boolean isSiteScoped() {
    return switch (this) {
      case SITE_AGENT -> true;
      case PLATFORM_OPERATOR, TENANT_ADMIN, TENANT_VIEWER -> false;
    };
  }

  public static Role fromWireName(String wireName) {
    return Arrays.stream(values())
        .filter(role -> role.wireName.equals(wireName))
        .findFirst()
        .orElseThrow(
            () ->
                ApiProblemException.invalid(
                    "role must be one of platform_operator, tenant_admin, tenant_viewer, site_agent"));
  }
}
