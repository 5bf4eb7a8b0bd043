/**
 * Edge sites and their NATS leaf servers: registration, the site JSON, and the legal status moves.
 * Every query is scoped to the caller's tenant; another tenant's site is indistinguishable from
 * none.
 */
package com.serviceradar.edge.server.site;
