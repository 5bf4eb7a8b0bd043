package com.serviceradar.edge.server.site;

import com.serviceradar.edge.natsauth.UserCredentials;
import com.serviceradar.edge.pki.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

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

  /** A fingerprint of everything issued to the leaf: any new certificate or user changes it. */
  String checksum() {
    return checksum(
        caChainPem,
        leafCertificate.certificatePem(),
        serverCertificate.certificatePem(),
        leafUser.jwt());
  }

  static String checksum(
      String caChainPem, String leafCertificatePem, String serverCertificatePem, String userJwt) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {caChainPem, leafCertificatePem, serverCertificatePem, userJwt}) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
