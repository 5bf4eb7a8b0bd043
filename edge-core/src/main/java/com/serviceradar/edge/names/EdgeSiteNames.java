package com.serviceradar.edge.names;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names an edge site's bundle goes by: {@code edge-site-{site_id}} is the bundle's one top
 * folder and, with {@code .tar.gz}, its file name (ARCHITECTURE.md, "Edge site bundle"). A
 * contract: installed leafs, the README and operators' scripts rely on it.
 */
public final class EdgeSiteNames {

  private static final String PREFIX = "edge-site-";
  private static final Pattern BUNDLE_FOLDER =
      Pattern.compile("edge-site-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  private EdgeSiteNames() {}

  /** {@code edge-site-{site_id}}: the bundle's top folder. */
  public static String bundleFolder(UUID siteId) {
    return PREFIX + siteId;
  }

  /** {@code edge-site-{site_id}.tar.gz}: the bundle's file name. */
  public static String bundleArchive(UUID siteId) {
    return bundleFolder(siteId) + ".tar.gz";
  }

  /** The site id of a {@link #bundleFolder}; empty when {@code folder} is not one. */
  public static Optional<UUID> siteOfBundleFolder(String folder) {
    Matcher matcher = BUNDLE_FOLDER.matcher(folder == null ? "" : folder);
    return matcher.matches() ? Optional.of(UUID.fromString(matcher.group(1))) : Optional.empty();
  }
}
