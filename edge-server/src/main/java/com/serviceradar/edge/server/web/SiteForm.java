package com.serviceradar.edge.server.web;

import com.serviceradar.edge.names.InvalidSlugException;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.server.site.EdgeSites;
import com.serviceradar.edge.server.system.ApiProblemException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Step 1 of the wizard as typed, and what is wrong with it, field by field. The optional fields are
 * blank when not given; the site module applies its defaults then.
 */
record SiteForm(
    String name,
    String slug,
    String natsLeafUrl,
    String localListen,
    String monitoringPort,
    Map<String, String> errors) {

  static SiteForm empty() {
    return new SiteForm("", "", "", "", "", Map.of());
  }

  static SiteForm of(
      String name, String slug, String natsLeafUrl, String localListen, String monitoringPort) {
    return new SiteForm(
        strip(name),
        strip(slug),
        strip(natsLeafUrl),
        strip(localListen),
        strip(monitoringPort),
        Map.of());
  }

  /** The slug the site will get: the one typed, or the one derived from the name. */
  String effectiveSlug() {
    return slug.isEmpty() ? SiteSlug.fromName(name).value() : SiteSlug.of(slug).value();
  }

  /**
   * The live check while typing: the slug the site will get and, when it cannot be had, why (an
   * invalid slug, or one another site of the tenant already has).
   */
  SlugCheck checkSlug(Collection<String> takenSlugs) {
    if (name.isEmpty() && slug.isEmpty()) {
      return new SlugCheck("", null);
    }
    try {
      String effective = effectiveSlug();
      return takenSlugs.contains(effective)
          ? new SlugCheck(effective, duplicateMessage(effective))
          : new SlugCheck(effective, null);
    } catch (InvalidSlugException e) {
      return new SlugCheck("", e.getMessage());
    }
  }

  record SlugCheck(String slug, String error) {}

  static String duplicateMessage(String slug) {
    return "An edge site with slug "
        + slug
        + " already exists in this tenant: choose another slug.";
  }

  EdgeSites.Registration toRegistration() {
    Integer port = null;
    if (!monitoringPort.isEmpty()) {
      try {
        port = Integer.valueOf(monitoringPort);
      } catch (NumberFormatException e) {
        throw ApiProblemException.invalid("monitoringPort must be a number between 1 and 65535");
      }
    }
    return new EdgeSites.Registration(
        name, blankToNull(slug), blankToNull(natsLeafUrl), blankToNull(localListen), port);
  }

  /** The same form with the failure shown on the field it is about. */
  SiteForm withError(RuntimeException failure) {
    String message = failure.getMessage();
    String field;
    if (failure instanceof ApiProblemException problem && problem.status().value() == 409) {
      field = "slug";
      message = duplicateMessage(effectiveSlug());
    } else if (failure instanceof InvalidSlugException) {
      field = slug.isEmpty() ? "name" : "slug";
    } else {
      field = fieldNamed(message);
    }
    Map<String, String> more = new LinkedHashMap<>(errors);
    more.put(field, message);
    return new SiteForm(name, slug, natsLeafUrl, localListen, monitoringPort, Map.copyOf(more));
  }

  private static String fieldNamed(String message) {
    for (String field : new String[] {"natsLeafUrl", "localListen", "monitoringPort", "slug"}) {
      if (message.startsWith(field)) {
        return field;
      }
    }
    return "name";
  }

  public String error(String field) {
    return errors.get(field);
  }

  public boolean hasAdvancedErrors() {
    return errors.containsKey("natsLeafUrl")
        || errors.containsKey("localListen")
        || errors.containsKey("monitoringPort");
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }

  private static String blankToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
