package com.serviceradar.edge.names;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A NATS server address such as {@code tls://nats.example.com:7422}: scheme {@code nats} or {@code
 * tls}, a host and an explicit port, nothing else (no user info, path, query or fragment).
 */
public record NatsUrl(String scheme, String host, int port) {

  public NatsUrl {
    if (!"nats".equals(scheme) && !"tls".equals(scheme)) {
      throw new InvalidNatsUrlException("scheme must be nats:// or tls://");
    }
    if (host == null || host.isBlank()) {
      throw new InvalidNatsUrlException("a host is required");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidNatsUrlException("port must be between 1 and 65535");
    }
  }

  /** Parses and validates; the message of the exception says what is wrong, quoting the input. */
  public static NatsUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidNatsUrlException("a URL such as tls://nats.example.com:7422 is required");
    }
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new InvalidNatsUrlException("\"" + text + "\" is not a URL");
    }
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      throw new InvalidNatsUrlException("\"" + text + "\" must look like tls://host:port");
    }
    if (uri.getHost() == null) {
      throw new InvalidNatsUrlException("\"" + text + "\" has no valid host");
    }
    if (uri.getRawUserInfo() != null
        || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new InvalidNatsUrlException("\"" + text + "\" must be only scheme, host and port");
    }
    if (uri.getPort() < 0) {
      throw new InvalidNatsUrlException("\"" + text + "\" needs an explicit port, such as :4222");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new NatsUrl(
        uri.getScheme().toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), uri.getPort());
  }

  /** The URL text, with brackets around an IPv6 host. */
  @Override
  public String toString() {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + shownHost + ":" + port;
  }
}
