/**
 * Offline checks of an edge site's leaf material, for {@code serviceradar-edge bundle verify} and
 * {@code doctor}: bundle layout and manifest, certificate chain, names, expiry and keys, the leaf
 * creds against the tenant account in the configuration, unfilled template text, and {@code
 * nats-server -t}. Each check reports PASS, WARN, FAIL or SKIP with a fix; nothing here prints,
 * talks to the network or changes a file outside a temporary directory.
 */
package com.serviceradar.edge.verify;
