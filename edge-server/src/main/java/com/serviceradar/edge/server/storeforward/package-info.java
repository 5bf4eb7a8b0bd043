/**
 * Store-and-forward ([E8]) from the control plane's side: per tenant, keeps the hub's {@code
 * EDGE_INGEST} sourcing exactly the tenant's sites, creates each connected leaf's {@code
 * EDGE_BUFFER} at the site's limits, learns from {@code EDGE_INGEST} how far the hub holds each
 * buffer, trims what it holds, and hands what it observes to {@code site} (which decides conditions
 * and timeline entries). Reaches the streams as a user of each tenant's account issued for the
 * connection; the stream shapes and operations are edge-core's {@code storeforward}.
 */
package com.serviceradar.edge.server.storeforward;
