/**
 * Renders the nats-server configurations the platform ships: an edge site's {@code nats-leaf.conf}
 * ({@link com.serviceradar.edge.leafconfig.LeafConfig}) and the SaaS hub's {@code nats-hub.conf}
 * ({@link com.serviceradar.edge.leafconfig.HubConfig}), from templates next to these classes.
 *
 * <p>Owns what nats-server 2.9 needs to run them (NATS-FACTS.md): operator mode on both sides,
 * absolute paths, the leaf's own upstream user and certificate, per-site server names and JetStream
 * domains, and the ping settings that end a link cut without a FIN ({@link
 * com.serviceradar.edge.leafconfig.LinkLiveness}). Every value is quoted for the config language;
 * nothing depends on the clock, so the same inputs render the same bytes. Never issues certificates
 * or JWTs (that is {@code pki} and {@code natsauth}), never writes files, never starts a server.
 */
package com.serviceradar.edge.leafconfig;
