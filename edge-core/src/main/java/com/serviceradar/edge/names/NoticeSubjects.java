package com.serviceradar.edge.names;

/**
 * The subjects on which the control plane tells a tenant's site agents that something changed,
 * inside the tenant's account. They are outside the collector subjects, which are the only ones the
 * leaf user denies ({@link CollectorSubjects}), so they cross every leaf link toward the leaf
 * without a change to any leaf user JWT, and each site's agent hears them at its own leaf.
 */
public final class NoticeSubjects {

  /**
   * The tenant's account JWT changed (a collector revoked, a site deleted, a leaf identity
   * renewed), so every site's configuration did: agents sync now instead of at their next poll. The
   * notice carries no secret; the agent fetches the configuration from the control plane.
   */
  public static final String CONFIG_CHANGED = "serviceradar.edge.notice.config-changed";

  private NoticeSubjects() {}
}
