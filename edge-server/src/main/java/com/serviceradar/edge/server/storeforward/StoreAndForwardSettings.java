package com.serviceradar.edge.server.storeforward;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the store-and-forward job looks at every site's buffer ({@code
 * EDGE_STORE_AND_FORWARD_INTERVAL}), and how long a backlog may stand still while its leaf is
 * connected before the hub's source of the site is restarted ({@code
 * EDGE_STORE_AND_FORWARD_STALL_AFTER}). A source catches up 3-6 s after a link returns
 * (NATS-FACTS.md), so the stall window is well above that.
 */
@ConfigurationProperties("edge.store-and-forward")
record StoreAndForwardSettings(
    @DefaultValue("10s") Duration interval,
    @DefaultValue("60s") Duration stallAfter,
    @DefaultValue("5s") Duration requestTimeout) {}
