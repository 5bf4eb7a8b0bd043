package com.serviceradar.edge.names;

/** A tenant's slug: unique across the platform and part of every certificate and NATS name. */
public record TenantSlug(String value) {

  public TenantSlug {
    SlugRules.requireValid("tenant", value);
  }

  public static TenantSlug of(String value) {
    return new TenantSlug(value);
  }

  /** Derives the slug from a display name: "Acme Corp" becomes {@code acme-corp}. */
  public static TenantSlug fromName(String name) {
    return new TenantSlug(SlugRules.fromName("tenant", name));
  }

  @Override
  public String toString() {
    return value;
  }
}
