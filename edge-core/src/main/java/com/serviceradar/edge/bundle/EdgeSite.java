package com.serviceradar.edge.bundle;

import com.serviceradar.edge.names.NatsUrl;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The edge site a bundle is for, as far as the bundle shows it.
 *
 * @param name the display name; any text without control characters, shown literally
 * @param natsLeafUrl where the site's collectors reach the leaf ({@code nats_leaf_url}), if set
 */
public record EdgeSite(UUID id, String name, Optional<NatsUrl> natsLeafUrl) {

  public EdgeSite {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(natsLeafUrl, "natsLeafUrl");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("site name must be 1-200 characters");
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("site name must not contain control characters");
    }
  }
}
