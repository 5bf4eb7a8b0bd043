package com.serviceradar.edge.names;

/** A tenant's slug: unique across the platform and part of every certificate and NATS name. */
public record TenantSlug(String value) {

  public TenantSlug {
    SlugRules.requireValid("tenant", value);
  }

  public static TenantSlug of(String value) {
    return new TenantSlug(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
