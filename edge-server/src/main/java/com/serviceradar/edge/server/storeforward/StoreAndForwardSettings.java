package com.serviceradar.edge.server.storeforward;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the store-and-forward job looks at every site's buffer ({@code
 * EDGE_STORE_AND_FORWARD_INTERVAL}), and how long a backlog may stand still while its leaf is
 * connected before the hub's source of the site is restarted ({@code
 * EDGE_STORE_AND_FORWARD_STALL_AFTER}). A source catches up 3-6 s after a link returns
 * (NATS-FACTS.md), so the stall window is well above that. A connected leaf whose JetStream has not
 * answered through its link for {@code EDGE_STORE_AND_FORWARD_SILENT_AFTER} is on a half-open link
 * and is marked disconnected: with the interval and a request timeout, within 3 × the hub's 20 s
 * ping interval.
 *
 * <p>At the hub, each relay sources at most {@code EDGE_STORE_AND_FORWARD_SITES_PER_RELAY} sites,
 * and a site's source is dropped from its relay once its leaf has been gone for {@code
 * EDGE_STORE_AND_FORWARD_DROP_SOURCE_AFTER} (it is added again when the leaf returns).
 */
@ConfigurationProperties("edge.store-and-forward")
record StoreAndForwardSettings(
    @DefaultValue("10s") Duration interval,
    @DefaultValue("60s") Duration stallAfter,
    @DefaultValue("30s") Duration silentAfter,
    @DefaultValue("5s") Duration requestTimeout,
    @DefaultValue("100") int sitesPerRelay,
    @DefaultValue("5m") Duration dropSourceAfter) {

  StoreAndForwardSettings {
    if (sitesPerRelay < 1) {
      throw new IllegalArgumentException(
          "EDGE_STORE_AND_FORWARD_SITES_PER_RELAY must be at least 1: " + sitesPerRelay);
    }
  }
}
