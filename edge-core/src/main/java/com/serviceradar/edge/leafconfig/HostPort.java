package com.serviceradar.edge.leafconfig;

import java.util.regex.Pattern;

/**
 * A listen address: a host name or IP literal (IPv6 without brackets) and a port, written {@code
 * host:port} or {@code [v6]:port}.
 */
public record HostPort(String host, int port) {

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  public HostPort {
    requireHost("host", host);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535 (got " + port + ")");
    }
  }

  /** Checks a host name or IP literal, e.g. a bind host; {@code what} names it in the message. */
  static String requireHost(String what, String host) {
    if (host == null || !(DNS_NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
      throw new IllegalArgumentException(
          what
              + " must be a host name or an IP address (got "
              + (host == null ? "nothing" : "\"" + host + "\"")
              + ")");
    }
    return host;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
