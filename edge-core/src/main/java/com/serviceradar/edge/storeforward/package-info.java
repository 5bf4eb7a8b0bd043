/**
 * Store-and-forward ([E8]): each edge site's {@code EDGE_BUFFER} on its leaf, the hub's {@code
 * EDGE_INGEST} sourcing them all, the exact delivery watermark per site, and the permissions around
 * them.
 *
 * <p>Owns the stream shapes and how they are managed over a tenant-account connection. Never knows
 * about storage, HTTP or scheduling: the control plane decides when.
 */
package com.serviceradar.edge.storeforward;
