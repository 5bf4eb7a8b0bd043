/**
 * Names of tenants and edge sites (slugs) and the NATS addresses they are reached at.
 *
 * <p>Owns the slug rules from ARCHITECTURE.md ("Names"). Never knows about storage or HTTP.
 */
package com.serviceradar.edge.names;
