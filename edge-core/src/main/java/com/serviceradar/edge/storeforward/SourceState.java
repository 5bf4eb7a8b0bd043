package com.serviceradar.edge.storeforward;

import java.time.Duration;
import java.util.Optional;

/**
 * How the hub's {@code EDGE_INGEST} sees one site's source.
 *
 * @param lag messages the source consumer reported pending at the last delivery
 * @param sinceActive time since the hub last heard from the source (messages or heartbeats); empty
 *     when it never has
 * @param error the error the hub last got setting the source up, if any
 */
public record SourceState(long lag, Optional<Duration> sinceActive, Optional<String> error) {}
