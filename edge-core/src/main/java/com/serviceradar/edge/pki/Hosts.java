package com.serviceradar.edge.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/**
 * Turns a host as written in a URL or configuration into a subject alternative name: an IP address
 * SAN for IPv4 and IPv6 literals (NATS-FACTS.md: a URL with an IP needs an IP SAN), a DNS SAN for
 * host names. Never resolves anything.
 */
final class Hosts {

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_DNS_NAME = 253;

  private Hosts() {}

  static GeneralName subjectAltName(String field, String host) {
    String literal = withoutBrackets(requirePresent(field, host));
    if (IPAddress.isValid(literal)) {
      return new GeneralName(GeneralName.iPAddress, new DEROctetString(addressBytes(literal)));
    }
    return new GeneralName(GeneralName.dNSName, dnsName(field, literal));
  }

  /** A host as it should appear in a common name: DNS names in lower case, IPs as written. */
  static String commonName(String field, String host) {
    String literal = withoutBrackets(requirePresent(field, host));
    return IPAddress.isValid(literal) ? literal : dnsName(field, literal);
  }

  static String dnsName(String field, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".")) {
      lower = lower.substring(0, lower.length() - 1);
    }
    if (lower.isEmpty() || lower.length() > MAX_DNS_NAME) {
      throw invalid(field, name);
    }
    for (String label : lower.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        throw invalid(field, name);
      }
    }
    return lower;
  }

  private static String requirePresent(String field, String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return host.strip();
  }

  private static String withoutBrackets(String host) {
    if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }

  private static byte[] addressBytes(String literal) {
    try {
      // A literal already validated as an IP address: InetAddress parses it without any lookup.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address literal: " + literal, e);
    }
  }

  private static IllegalArgumentException invalid(String field, String name) {
    String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
    return new IllegalArgumentException(
        field + " must be a DNS name or an IP address literal (got \"" + shown + "\")");
  }
}
