/**
 * Names of tenants and edge sites: slugs and the derived names of certificates, NATS users and
 * servers.
 *
 * <p>Owns the slug rules from ARCHITECTURE.md ("Names"). Never knows about storage or HTTP.
 */
package com.serviceradar.edge.names;
