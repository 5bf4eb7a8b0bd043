package com.serviceradar.edge.natsauth;

import java.util.List;

/**
 * What a user may publish and subscribe to, as subject allow lists (wildcards {@code *} and {@code
 * >} allowed). An empty list allows nothing in that direction; it is written as a deny of {@code >}
 * because a JWT without a permission means "everything".
 */
public record UserPermissions(List<String> publishAllow, List<String> subscribeAllow) {

  public UserPermissions {
    publishAllow = requireSubjects(publishAllow, "publishAllow");
    subscribeAllow = requireSubjects(subscribeAllow, "subscribeAllow");
  }

  public static UserPermissions allow(List<String> publish, List<String> subscribe) {
    return new UserPermissions(publish, subscribe);
  }

  private static List<String> requireSubjects(List<String> subjects, String field) {
    if (subjects == null) {
      throw new IllegalArgumentException(field + " is required (empty allows nothing)");
    }
    for (String subject : subjects) {
      if (subject == null
          || subject.isEmpty()
          || subject.chars().anyMatch(Character::isWhitespace)
          || subject.startsWith(".")
          || subject.endsWith(".")
          || subject.contains("..")) {
        throw new IllegalArgumentException(field + " has an invalid subject: \"" + subject + "\"");
      }
    }
    return List.copyOf(subjects);
  }
}
