package com.serviceradar.edge.verify;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text left for a person to fill in, which a generated file must never contain: {@code <...>}
 * markers, template braces, and the usual words. Kept in one place so that the check and its tests
 * agree.
 */
public final class UnfilledText {

  /** What counts as unfilled. Base64 and JWT text cannot match it (no {@code < { $ _} runs). */
  public static final Pattern PATTERN =
      Pattern.compile(
          "(?i)placeholder|change[_-]me|replace[_-]me|<[^<>\\n]{1,60}>|\\{\\{[^}\\n]*}}|\\$\\{[^}\\n]*}");

  private UnfilledText() {}

  /** The first unfilled text in {@code text}, if any. */
  public static Optional<String> find(String text) {
    Matcher matcher = PATTERN.matcher(text);
    return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
  }
}
