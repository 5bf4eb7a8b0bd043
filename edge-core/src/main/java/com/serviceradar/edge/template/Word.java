package com.serviceradar.edge.template;

import java.util.regex.Pattern;

/**
 * A template value written as it is, without quotes: only letters, digits and {@code . _ / : @ + -}
 * — characters that mean nothing special in any {@link Language} (no space, quote, {@code $},
 * backtick, backslash or glob). For places where quotes would be wrong, such as a path inside a
 * Markdown code block.
 */
public record Word(String value) {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/:@+-]+");

  public Word {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a verbatim template word must be letters, digits and . _ / : @ + - only");
    }
  }

  public static Word of(String value) {
    return new Word(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
