package com.serviceradar.edge.names;

/**
 * The subject names of the certificates the platform issues. These are contracts (ARCHITECTURE.md,
 * "Names"): tests outside the code base and every installed edge site rely on them, so change one
 * only by keeping the old form working.
 */
public final class CertificateNames {

  /** Common name of the platform root CA, which signs tenant CAs and the hub's certificate. */
  public static final String PLATFORM_ROOT_CA = "serviceradar-platform-root.ca.serviceradar";

  private static final String SUFFIX = ".serviceradar";

  private CertificateNames() {}

  /** {@code tenant-{tenant_slug}.ca.serviceradar}: the tenant's CA. */
  public static String tenantCa(TenantSlug tenant) {
    return "tenant-" + tenant.value() + ".ca" + SUFFIX;
  }

  /**
   * {@code leaf.{site_slug}.{tenant_slug}.serviceradar}: the certificate a site's leaf presents to
   * the hub.
   */
  public static String leafUpstream(SiteSlug site, TenantSlug tenant) {
    return "leaf." + site.value() + "." + tenant.value() + SUFFIX;
  }

  /**
   * {@code nats.{site_slug}.{tenant_slug}.serviceradar}: the certificate a site's leaf presents to
   * local collectors.
   */
  public static String leafLocalServer(SiteSlug site, TenantSlug tenant) {
    return "nats." + site.value() + "." + tenant.value() + SUFFIX;
  }
}
