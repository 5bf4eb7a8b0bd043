package com.serviceradar.edge.names;

import java.util.Optional;

/**
 * A JetStream domain: {@code hub} at the SaaS hub, {@code edge-{site_slug}} at each leaf. Every
 * leaf's must differ from the hub's and from its tenant's other leafs', or JetStream silently mixes
 * sites (NATS-FACTS.md, "JetStream across the leaf link").
 */
public record JetStreamDomain(String value) {

  public static final JetStreamDomain HUB = new JetStreamDomain("hub");

  private static final String SITE_PREFIX = "edge-";

  public JetStreamDomain {
    if (value == null || !value.matches("[a-z0-9][a-z0-9-]{0,67}")) {
      throw new IllegalArgumentException("invalid JetStream domain: " + value);
    }
  }

  /** {@code edge-{site_slug}}. */
  public static JetStreamDomain forSite(SiteSlug site) {
    return new JetStreamDomain(SITE_PREFIX + site.value());
  }

  /**
   * The site of a {@link #forSite} domain given as text; empty for the hub's or any other domain.
   */
  public static Optional<SiteSlug> siteOf(String domain) {
    if (domain == null || !domain.startsWith(SITE_PREFIX)) {
      return Optional.empty();
    }
    String site = domain.substring(SITE_PREFIX.length());
    return SlugRules.isValid(site) ? Optional.of(SiteSlug.of(site)) : Optional.empty();
  }

  /** {@code $JS.{domain}.API}: where this domain's JetStream API is reached from another server. */
  public String apiPrefix() {
    return "$JS." + value + ".API";
  }

  @Override
  public String toString() {
    return value;
  }
}
