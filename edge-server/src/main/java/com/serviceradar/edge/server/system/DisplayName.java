package com.serviceradar.edge.server.system;

/** The rules for human-readable names of tenants, sites and tokens. */
public final class DisplayName {

  public static final int MAX_LENGTH = 200;

  private DisplayName() {}

  /** Returns the name without surrounding blanks, or refuses it with a 400 naming the field. */
  public static String require(String field, String value) {
    String name = value == null ? "" : value.strip();
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      throw ApiProblemException.invalid(field + " is required (1-" + MAX_LENGTH + " characters)");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw ApiProblemException.invalid(field + " must not contain control characters");
    }
    return name;
  }
}
