package com.serviceradar.edge.leafconfig;

import java.util.regex.Pattern;

/**
 * Checks install paths on the target host. They are written into configurations, scripts and
 * systemd units, so they are kept to characters that need no quoting anywhere: absolute, normalised
 * (no {@code .}, {@code ..}, empty segment or trailing slash), letters, digits and {@code . _ + -}.
 */
final class InstallPath {

  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._+-]+)+");

  private InstallPath() {}

  static String require(String what, String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          what
              + " must be an absolute path of letters, digits and . _ + - (got "
              + (path == null ? "nothing" : "\"" + path + "\"")
              + ")");
    }
    for (String segment : path.substring(1).split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(what + " must not contain . or .. (got " + path + ")");
      }
    }
    return path;
  }
}
