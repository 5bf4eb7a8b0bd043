package com.serviceradar.edge.server.site;

import java.util.UUID;

/** A site's status or conditions changed; live views refresh it. */
public record SiteHealthChanged(UUID siteId, UUID tenantId, String kind) {}
