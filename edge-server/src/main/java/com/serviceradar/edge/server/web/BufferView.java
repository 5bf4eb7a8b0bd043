package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.site.SiteBuffer;
import java.time.Instant;
import java.util.Locale;

/**
 * A site's store-and-forward buffer as the site page shows it: sizes in binary units, times
 * relative to now, and the limits in the units the form takes (hours, MiB).
 */
record BufferView(
    boolean observed,
    String held,
    String percentFull,
    String oldest,
    String undelivered,
    String lastDelivered,
    String observedAgo,
    long maxAgeHours,
    long maxMebibytes,
    String limits) {

  static BufferView of(SiteBuffer buffer, Instant now) {
    boolean observed = buffer.observedAt() != null;
    return new BufferView(
        observed,
        observed
            ? buffer.messages()
                + " messages, "
                + size(buffer.bytes())
                + " of "
                + size(buffer.maxBytes())
            : "—",
        observed ? String.format(Locale.ROOT, "%.1f %%", buffer.percentFull()) : "—",
        buffer.oldestAt() == null ? "—" : RelativeTime.since(buffer.oldestAt(), now),
        buffer.undeliveredToHub() == null ? "—" : buffer.undeliveredToHub() + " messages",
        buffer.lastDeliveredAt() == null ? "—" : RelativeTime.since(buffer.lastDeliveredAt(), now),
        observed ? RelativeTime.since(buffer.observedAt(), now) : "not read from the leaf yet",
        Math.max(1, buffer.maxAgeSeconds() / 3600),
        Math.max(1, buffer.maxBytes() >> 20),
        "at most " + age(buffer.maxAgeSeconds()) + " and " + size(buffer.maxBytes()));
  }

  static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
  }

  private static String age(long seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + (seconds == 3600 ? " hour" : " hours");
    }
    return seconds + " seconds";
  }
}
