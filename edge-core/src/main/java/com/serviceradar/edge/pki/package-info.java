/**
 * The platform's certificate hierarchy: platform root CA, one CA per tenant, and the certificates
 * they issue (a site's leaf upstream and local server certificates, the hub's server certificate,
 * collector client certificates), plus PEM encoding and chain verification.
 *
 * <p>Owns the certificate profiles (subject names from {@link
 * com.serviceradar.edge.names.CertificateNames}, SANs, key usages, validity) and the rule that
 * every key is ECDSA P-256. Entry points: {@link com.serviceradar.edge.pki.PlatformRootCa}, {@link
 * com.serviceradar.edge.pki.TenantCa}, {@link com.serviceradar.edge.pki.Pem} and {@link
 * com.serviceradar.edge.pki.CertificateChains}.
 *
 * <p>Must never read the clock or create its own randomness (callers pass an {@link
 * java.time.Instant} or {@link com.serviceradar.edge.pki.Validity} and a {@link
 * java.security.SecureRandom}), never store or log key material (it is the caller's job to seal
 * private keys with {@code com.serviceradar.edge.secrets}), never register a global JCA provider,
 * and never know about storage, HTTP or Spring.
 */
package com.serviceradar.edge.pki;
