package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Site JSON as the table lines and detail blocks the commands print. */
final class SiteText {

  private SiteText() {}

  static void table(List<JsonValue> sites, PrintWriter out) {
    out.printf(Locale.ROOT, "%-24s %-8s %-12s %-36s %s%n", "SLUG", "STATUS", "LEAF", "ID", "NAME");
    for (JsonValue site : sites) {
      out.println(line(site));
    }
  }

  static String line(JsonValue site) {
    return String.format(
        Locale.ROOT,
        "%-24s %-8s %-12s %-36s %s",
        Json.text(site, "slug", "-"),
        Json.text(site, "status", "-"),
        Json.text(site, "leafServer.status", "-"),
        Json.text(site, "id", "-"),
        Json.text(site, "name", "-"));
  }

  static void details(JsonValue site, PrintWriter out) {
    out.println("Site " + Json.text(site, "name", "-") + " (" + Json.text(site, "slug", "-") + ")");
    String[][] rows = {
      {"id", "id"},
      {"status", "status"},
      {"leaf status", "leafServer.status"},
      {"server name", "leafServer.serverName"},
      {"upstream", "leafServer.upstreamUrl"},
      {"local listen", "leafServer.localListen"},
      {"collector URL", "natsLeafUrl"},
      {"config checksum", "leafServer.configChecksum"},
      {"cert expires", "leafServer.certExpiresAt"},
      {"last seen", "lastSeenAt"},
      {"last disconnect", "leafServer.lastDisconnectReason"}
    };
    for (String[] row : rows) {
      out.printf(Locale.ROOT, "  %-16s %s%n", row[0], Json.text(site, row[1], "-"));
    }
    for (JsonValue condition : Json.array(Json.at(site, "conditions"))) {
      out.printf(
          Locale.ROOT,
          "  condition        %s (%s): %s%n",
          Json.text(condition, "kind", "-"),
          Json.text(condition, "severity", "-"),
          Json.text(condition, "detail", ""));
    }
  }
}
