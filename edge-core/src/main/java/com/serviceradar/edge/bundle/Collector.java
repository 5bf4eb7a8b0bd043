package com.serviceradar.edge.bundle;

import com.serviceradar.edge.names.NatsUrl;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The collector a package is for, as far as its bundle shows it.
 *
 * @param name the display name; any text without control characters
 * @param natsUrl where the collector connects: its site's leaf, or the SaaS hub
 * @param saasUrl the SaaS hub's client URL, the fallback when the leaf's host is gone
 */
public record Collector(
    UUID id, CollectorType type, String name, NatsUrl natsUrl, NatsUrl saasUrl) {

  public Collector {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(natsUrl, "natsUrl");
    Objects.requireNonNull(saasUrl, "saasUrl");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("collector name must be 1-200 characters");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("collector name must not contain control characters");
    }
  }

  /** The SaaS URL, unless the collector already connects there. */
  public List<NatsUrl> fallbackServers() {
    return natsUrl.equals(saasUrl) ? List.of() : List.of(saasUrl);
  }
}
