package com.serviceradar.edge.names;

/**
 * An edge site's slug: unique within its tenant and immutable, because certificate names, the
 * leaf's server name and its JetStream domain are derived from it.
 */
public record SiteSlug(String value) {

  public SiteSlug {
    SlugRules.requireValid("site", value);
  }

  public static SiteSlug of(String value) {
    return new SiteSlug(value);
  }

  /** Derives the slug from a display name: "NYC Office" becomes {@code nyc-office}. */
  public static SiteSlug fromName(String name) {
    return new SiteSlug(SlugRules.fromName("site", name));
  }

  @Override
  public String toString() {
    return value;
  }
}
