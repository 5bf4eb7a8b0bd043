package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.names.InvalidNatsUrlException;
import com.serviceradar.edge.names.NatsUrl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param saasNatsUrl where collectors without an edge site connect, and every collector's fallback
 *     ({@code EDGE_SAAS_NATS_URL})
 */
@ConfigurationProperties("edge")
record CollectorSettings(@DefaultValue("nats://nats.serviceradar.cloud:4222") String saasNatsUrl) {

  CollectorSettings {
    try {
      NatsUrl.parse(saasNatsUrl);
    } catch (InvalidNatsUrlException e) {
      throw new IllegalArgumentException("EDGE_SAAS_NATS_URL: " + e.getMessage(), e);
    }
  }

  NatsUrl saasUrl() {
    return NatsUrl.parse(saasNatsUrl);
  }
}
