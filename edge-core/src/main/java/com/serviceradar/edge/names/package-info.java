/**
 * Names of tenants and edge sites (slugs), the NATS addresses they are reached at, and every
 * contract name derived from them: certificate subjects, the leaf's NATS user and server name, its
 * JetStream domain, user tags and the bundle's folder name.
 *
 * <p>Owns the rules of ARCHITECTURE.md ("Names"): a contract name is built, and read back, only
 * here. Never knows about storage or HTTP, and depends on no other package of edge-core.
 */
package com.serviceradar.edge.names;
