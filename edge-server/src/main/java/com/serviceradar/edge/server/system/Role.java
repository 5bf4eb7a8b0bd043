package com.serviceradar.edge.server.system;

import java.util.Arrays;

/** What an API token or user may do. The wire name is the one in ARCHITECTURE.md. */
public enum Role {
  PLATFORM_OPERATOR("platform_operator"),
  TENANT_ADMIN("tenant_admin"),
  TENANT_VIEWER("tenant_viewer");

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
      case TENANT_ADMIN, TENANT_VIEWER -> true;
    };
  }

  public static Role fromWireName(String wireName) {
    return Arrays.stream(values())
        .filter(role -> role.wireName.equals(wireName))
        .findFirst()
        .orElseThrow(
            () ->
                ApiProblemException.invalid(
                    "role must be one of platform_operator, tenant_admin, tenant_viewer"));
  }
}
