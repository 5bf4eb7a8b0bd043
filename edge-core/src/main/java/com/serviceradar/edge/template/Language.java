package com.serviceradar.edge.template;

/** The language a template is written in, which decides how its text values are quoted. */
public enum Language {

  /**
   * nats-server configuration: a double-quoted string with {@code \} and {@code "} escaped. Control
   * characters (newlines included) are refused: the config lexer has no use for them and a newline
   * would end the value.
   */
  NATS_CONF {
    @Override
    public String quote(String value) {
      StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        requireNotControl(this, value, c);
        if (c == '\\' || c == '"') {
          quoted.append('\\');
        }
        quoted.append(c);
      }
      return quoted.append('"').toString();
    }
  },

  /**
   * POSIX sh: a single-quoted word, each {@code '} written as {@code '\''}. Inside single quotes
   * the shell expands nothing, so {@code $(…)}, backticks and {@code ;} stay text. NUL is refused
   * (a shell string cannot hold it).
   */
  SHELL {
    @Override
    public String quote(String value) {
      if (value.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("a shell value cannot contain NUL");
      }
      return "'" + value.replace("'", "'\\''") + "'";
    }
  },

  /**
   * Markdown: an inline code span, fenced by one backtick more than the longest run inside it, so
   * the value shows literally both rendered and in a terminal. Control characters are refused.
   */
  MARKDOWN {
    @Override
    public String quote(String value) {
      int longestRun = 0;
      int run = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        requireNotControl(this, value, c);
        run = c == '`' ? run + 1 : 0;
        longestRun = Math.max(longestRun, run);
      }
      String fence = "`".repeat(longestRun + 1);
      boolean pad = value.startsWith("`") || value.endsWith("`");
      String inner = pad ? " " + value + " " : value;
      return fence + inner + fence;
    }
  },

  /**
   * A systemd unit's command line: a double-quoted word with {@code \} and {@code "} escaped, and
   * {@code %} and {@code $} doubled so that systemd expands neither specifiers nor variables in it.
   * Control characters are refused (a newline would end the setting).
   */
  SYSTEMD_UNIT {
    @Override
    public String quote(String value) {
      StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        requireNotControl(this, value, c);
        switch (c) {
          case '\\', '"' -> quoted.append('\\').append(c);
          case '%', '$' -> quoted.append(c).append(c);
          default -> quoted.append(c);
        }
      }
      return quoted.append('"').toString();
    }
  },

  /**
   * JSON: a double-quoted string with quotes and backslashes escaped and every control character
   * written as a six-character Unicode escape, so any text stays one string value.
   */
  JSON {
    @Override
    public String quote(String value) {
      StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          quoted.append('\\').append(c);
        } else if (c < 0x20 || c == 0x7f) {
          quoted.append(String.format("\\u%04x", (int) c));
        } else {
          quoted.append(c);
        }
      }
      return quoted.append('"').toString();
    }
  };

  /**
   * The value as a literal of this language, quotes included.
   *
   * @throws IllegalArgumentException when the language cannot carry the value as data
   */
  public abstract String quote(String value);

  private static void requireNotControl(Language language, String value, char c) {
    if (c < 0x20 || c == 0x7f) {
      throw new IllegalArgumentException(
          language
              + " value must not contain control characters (found U+"
              + String.format("%04X", (int) c)
              + " in a value of "
              + value.length()
              + " characters)");
    }
  }
}
