package com.serviceradar.edge.names;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The one place that knows what a slug may look like; shared by tenant and site slugs. */
final class SlugRules {

  static final int MAX_LENGTH = 63;
  private static final Pattern VALID = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
  private static final Pattern OTHER_CHARACTERS = Pattern.compile("[^a-z0-9]+");

  private SlugRules() {}

  static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  static String requireValid(String kind, String value) {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new InvalidSlugException(
          kind
              + " slug must be 1-63 lowercase letters, digits or inner dashes (got "
              + quoted(value)
              + ")");
    }
    return value;
  }

  /**
   * Lowercases the name, turns every run of other characters into one dash and trims dashes.
   * Accents are folded first, so "Zürich" becomes "zurich" rather than "z-rich".
   */
  static String fromName(String kind, String name) {
    if (name == null) {
      throw new InvalidSlugException(kind + " name is required to derive a slug");
    }
    String folded =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    String slug = OTHER_CHARACTERS.matcher(folded).replaceAll("-");
    slug = trimDashes(slug);
    if (slug.length() > MAX_LENGTH) {
      slug = trimDashes(slug.substring(0, MAX_LENGTH));
    }
    if (slug.isEmpty()) {
      throw new InvalidSlugException(
          kind + " name " + quoted(name) + " has no letters or digits to derive a slug from");
    }
    return slug;
  }

  private static String trimDashes(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '-') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '-') {
      end--;
    }
    return value.substring(start, end);
  }

  private static String quoted(String value) {
    if (value == null) {
      return "nothing";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "\"" + shown + "\"";
  }
}
