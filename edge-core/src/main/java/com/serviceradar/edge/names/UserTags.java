package com.serviceradar.edge.names;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tags of the NATS users the platform issues ({@code tags} in the user JWT): what a user is
 * for, and whose. A leaf user carries {@code edge-site:{site_id}}, {@code tenant:{tenant_slug}} and
 * {@code kind:leaf} (ARCHITECTURE.md, "Names"); {@code verify} and {@code doctor} read the site
 * back from them.
 */
public final class UserTags {

  /** A site's leaf user. */
  public static final String KIND_LEAF = "kind:leaf";

  /** A SaaS-side reader of the tenant's ingest stream. */
  public static final String KIND_CONSUMER = "kind:consumer";

  /** The control plane's own user in a tenant account. */
  public static final String KIND_CONTROL_PLANE = "kind:control-plane";

  /** The control plane's monitor user in the system account. */
  public static final String KIND_MONITOR = "kind:monitor";

  /** A site agent's user: it hears the control plane's notices at its own leaf. */
  public static final String KIND_SITE_AGENT = "kind:site-agent";

  private static final String EDGE_SITE = "edge-site:";

  private UserTags() {}

  /** {@code edge-site:{site_id}}. */
  public static String edgeSite(UUID siteId) {
    return EDGE_SITE + siteId;
  }

  /** {@code tenant:{tenant_slug}}. */
  public static String tenant(TenantSlug tenant) {
    return "tenant:" + tenant.value();
  }

  /** {@code collector:{collector_type}}. */
  public static String collector(String collectorType) {
    return "collector:" + collectorType;
  }

  /**
   * The site of the first {@link #edgeSite} tag among {@code tags}.
   *
   * @throws IllegalArgumentException when that tag does not hold a UUID
   */
  public static Optional<UUID> edgeSiteOf(List<String> tags) {
    return tags.stream()
        .filter(tag -> tag.startsWith(EDGE_SITE))
        .map(tag -> UUID.fromString(tag.substring(EDGE_SITE.length())))
        .findFirst();
  }
}
