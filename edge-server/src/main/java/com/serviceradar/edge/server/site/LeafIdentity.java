package com.serviceradar.edge.server.site;

import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.pki.IssuedCertificate;
import java.time.Instant;

/**
 * What one site's leaf needs to connect: its upstream (client) certificate, its certificate for
 * local clients, the tenant CA chain, and its own NATS user in the tenant account.
 */
record LeafIdentity(
    IssuedCertificate leafCertificate,
    IssuedCertificate serverCertificate,
    String caChainPem,
    UserCredentials leafUser) {

  /** The leaf stops working when the first of its certificates expires. */
  Instant expiresAt() {
    Instant leaf = leafCertificate.notAfter();
    Instant server = serverCertificate.notAfter();
    return leaf.isBefore(server) ? leaf : server;
  }
}
