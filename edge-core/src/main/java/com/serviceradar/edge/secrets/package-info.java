/**
 * At-rest encryption of secrets the control plane must keep (CA and certificate private keys, NATS
 * nkey seeds): AES-256-GCM under a master key, in a versioned text form that names the key, so the
 * master key can be rotated.
 *
 * <p>Owns the sealed text format {@code v1.<key id>.<base64url(nonce || ciphertext || tag)>} and
 * the master key rules. Must never print, log or put into an exception message a master key, a
 * plaintext or a sealed value; never read the environment, files or the clock; never create its own
 * randomness (callers pass a {@link java.security.SecureRandom}).
 */
package com.serviceradar.edge.secrets;
