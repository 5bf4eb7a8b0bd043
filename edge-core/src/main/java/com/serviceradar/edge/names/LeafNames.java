package com.serviceradar.edge.names;

import java.util.Optional;

/**
 * The names of a site's leaf in NATS: its user in the tenant account and its {@code server_name}.
 * These are contracts (ARCHITECTURE.md, "Names"): the hub reports them, installed leafs carry them,
 * and the control plane finds a site by them, so change one only by keeping the old form working.
 */
public final class LeafNames {

  private static final String SERVER_NAME_PREFIX = "leaf-";

  private LeafNames() {}

  /**
   * {@code leaf.{site_slug}.{tenant_slug}}: the name of the site's leaf user, which the hub reports
   * as a leaf connection's {@code name_tag}.
   */
  public static String user(SiteSlug site, TenantSlug tenant) {
    return "leaf." + site.value() + "." + tenant.value();
  }

  /**
   * {@code leaf-{tenant_slug}-{site_slug}}: the leaf's {@code server_name}, unique per account, or
   * two leafs flap forever (NATS-FACTS.md, "Leaf rules").
   */
  public static String serverName(TenantSlug tenant, SiteSlug site) {
    return SERVER_NAME_PREFIX + tenant.value() + "-" + site.value();
  }

  /**
   * The site of a {@link #serverName} of {@code tenant}'s; empty when {@code serverName} is not of
   * that form.
   */
  public static Optional<SiteSlug> siteOfServerName(TenantSlug tenant, String serverName) {
    String prefix = SERVER_NAME_PREFIX + tenant.value() + "-";
    if (serverName == null || !serverName.startsWith(prefix)) {
      return Optional.empty();
    }
    String site = serverName.substring(prefix.length());
    return SlugRules.isValid(site) ? Optional.of(SiteSlug.of(site)) : Optional.empty();
  }
}
