/**
 * The one SHA-256-to-hex helper, shared by {@code bundle} (manifest and checksum), {@code verify},
 * {@code pki} (certificate fingerprints), {@code secrets} (master key ids), the control plane and
 * the CLI.
 *
 * <p>A package of its own because it belongs to no one feature: placed in any of its users, it
 * would make the others depend on that feature (for {@code pki} on {@code bundle}, a cycle).
 * Depends on nothing of edge-core and must never grow beyond digests.
 */
package com.serviceradar.edge.digest;
