package com.serviceradar.edge.server.site;

import java.time.OffsetDateTime;

/** One entry of a site's timeline: connected, disconnected, a condition raised or cleared. */
public record SiteEvent(long id, OffsetDateTime occurredAt, String kind, String detail) {}
