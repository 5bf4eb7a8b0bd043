/**
 * The downloadable bundles: an edge site's (ARCHITECTURE.md, "Edge site bundle (contract)") with
 * {@code nats-leaf.conf}, certificates, credentials, {@code setup.sh} and {@code README.md}, and
 * the hub's, and a collector package's ({@link com.serviceradar.edge.bundle.CollectorBundle}); each
 * with a {@code MANIFEST.sha256} and written as a deterministic tar.gz.
 *
 * <p>Owns the bundle layout, file modes, the manifest and checksum, and the {@code setup.sh} and
 * README templates. Same inputs give the same bytes: no clock, no randomness, no host user names.
 * Never issues certificates or credentials, never stores anything, never talks to a server.
 */
package com.serviceradar.edge.bundle;
