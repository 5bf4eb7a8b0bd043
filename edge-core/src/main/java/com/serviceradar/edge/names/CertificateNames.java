package com.serviceradar.edge.names;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject names of the certificates the platform issues. These are contracts (ARCHITECTURE.md,
 * "Names"): tests outside the code base and every installed edge site rely on them, so change one
 * only by keeping the old form working.
 */
public final class CertificateNames {

  /** Common name of the platform root CA, which signs tenant CAs and the hub's certificate. */
  public static final String PLATFORM_ROOT_CA = "serviceradar-platform-root.ca.serviceradar";

  private static final String SUFFIX = ".serviceradar";
  private static final Pattern TENANT_CA =
      Pattern.compile("tenant-([a-z0-9-]+)\\.ca\\.serviceradar");

  private CertificateNames() {}

  /** {@code tenant-{tenant_slug}.ca.serviceradar}: the tenant's CA. */
  public static String tenantCa(TenantSlug tenant) {
    return "tenant-" + tenant.value() + ".ca" + SUFFIX;
  }

  /** The tenant of a {@link #tenantCa} name; empty when {@code commonName} is not one. */
  public static Optional<TenantSlug> tenantOfCa(String commonName) {
    Matcher matcher = TENANT_CA.matcher(commonName == null ? "" : commonName);
    return matcher.matches() && SlugRules.isValid(matcher.group(1))
        ? Optional.of(TenantSlug.of(matcher.group(1)))
        : Optional.empty();
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

  /**
   * {@code {instance}.{site_slug or "default"}.{tenant_slug}.serviceradar}: a collector's client
   * certificate, where {@code instance} is its package's {@code {type}-{id8}}.
   */
  public static String collector(String instance, Optional<SiteSlug> site, TenantSlug tenant) {
    return instance
        + "."
        + site.map(SiteSlug::value).orElse("default")
        + "."
        + tenant.value()
        + SUFFIX;
  }
}
