package com.serviceradar.edge.storeforward;

import com.serviceradar.edge.names.SiteSlug;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/** The tests' store-and-forward at the hub: relay 0 sources the given sites, EDGE_INGEST it. */
final class OneRelay {

  static final String NAME = EdgeStreams.relayName(0);

  private OneRelay() {}

  static TenantStreams.Applied source(TenantStreams streams, Collection<SiteSlug> sites)
      throws IOException, JetStreamApiException {
    streams.createRelayIfMissing(0);
    streams.ensureIngest(List.of(0));
    return streams.ensureRelay(0, sites.stream().map(RelaySource::fromStart).toList());
  }
}
