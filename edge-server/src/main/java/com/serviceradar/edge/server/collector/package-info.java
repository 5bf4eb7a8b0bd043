/**
 * Collector packages ([E5]): a NATS user and a client certificate per collector, in its tenant's
 * account and CA, handed out as a bundle whose config points at the collector's edge site leaf or
 * at the SaaS hub; revocation of a package's user; and the platform's consumer creds that read a
 * tenant's collector subjects at the hub.
 *
 * <p>Depends on site, natsauth, pki, tenant, audit and system; nothing depends on it. Never falls
 * back silently: a package for a site without {@code natsLeafUrl} is refused. Never stores the
 * consumer creds it hands out, and never shows a seed or private key outside a bundle.
 */
package com.serviceradar.edge.server.collector;
