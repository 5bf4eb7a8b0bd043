package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.system.ApiProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a leaf listens for its local collectors: {@code host:port}, {@code [v6]:port} or {@code
 * :port}.
 */
final class LocalListen {

  static final String DEFAULT = "0.0.0.0:4222";
  private static final Pattern HOST_PORT =
      Pattern.compile("^(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]*):([0-9]{1,5})$");

  private LocalListen() {}

  static String requireValid(String value) {
    if (value == null) {
      return DEFAULT;
    }
    Matcher matcher = HOST_PORT.matcher(value.strip());
    if (!matcher.matches()) {
      throw ApiProblemException.invalid("localListen must look like 0.0.0.0:4222");
    }
    int port = Integer.parseInt(matcher.group(2));
    if (port < 1 || port > 65535) {
      throw ApiProblemException.invalid("localListen port must be between 1 and 65535");
    }
    String host = matcher.group(1).isEmpty() ? "0.0.0.0" : matcher.group(1);
    return host + ":" + port;
  }
}
