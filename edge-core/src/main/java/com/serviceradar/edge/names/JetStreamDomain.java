package com.serviceradar.edge.names;

/**
 * A JetStream domain: {@code hub} at the SaaS hub, {@code edge-{site_slug}} at each leaf. Every
 * leaf's must differ from the hub's and from its tenant's other leafs', or JetStream silently mixes
 * sites (NATS-FACTS.md, "JetStream across the leaf link").
 */
public record JetStreamDomain(String value) {

  public static final JetStreamDomain HUB = new JetStreamDomain("hub");

  public JetStreamDomain {
    if (value == null || !value.matches("[a-z0-9][a-z0-9-]{0,67}")) {
      throw new IllegalArgumentException("invalid JetStream domain: " + value);
    }
  }

  /** {@code edge-{site_slug}}. */
  public static JetStreamDomain forSite(SiteSlug site) {
    return new JetStreamDomain("edge-" + site.value());
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
