package com.serviceradar.edge.server.site;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A site's complete leaf identity as stored, keys and seed opened, so that a rotation can move it
 * between the site's row and the rotation's row (each seals it under its own place). A host-keyed
 * identity (the edge host made its keys) has no keys or seed here: they never left the host.
 */
record HeldIdentity(
    String leafCertificatePem,
    String leafKeyPem,
    String leafCertificateSha256,
    String serverCertificatePem,
    String serverKeyPem,
    String caChainPem,
    String userPublicKey,
    String userJwt,
    String userSeed,
    OffsetDateTime expiresAt) {

  static HeldIdentity of(LeafIdentity identity) {
    return new HeldIdentity(
        identity.leafCertificate().certificatePem(),
        identity.leafCertificate().privateKeyPem(),
        identity.leafCertificate().sha256Fingerprint(),
        identity.serverCertificate().certificatePem(),
        identity.serverCertificate().privateKeyPem(),
        identity.caChainPem(),
        identity.leafUser().publicKey(),
        identity.leafUser().jwt(),
        new String(identity.leafUser().seed().reveal()),
        identity.expiresAt().atOffset(ZoneOffset.UTC));
  }

  /** Certificates and user JWT issued for keys the edge host keeps. */
  static HeldIdentity ofHostKeys(LeafProvisioner.HostKeyedIdentity identity, String userPublicKey) {
    return new HeldIdentity(
        identity.leafCertificate().certificatePem(),
        null,
        identity.leafCertificate().sha256Fingerprint(),
        identity.serverCertificate().certificatePem(),
        null,
        identity.caChainPem(),
        userPublicKey,
        identity.userJwt(),
        null,
        identity.expiresAt().atOffset(ZoneOffset.UTC));
  }

  boolean isHostKeyed() {
    return leafKeyPem == null;
  }

  /** What the site's bundle is built from. */
  EdgeSiteRepository.StoredLeafIdentity forBundle() {
    return new EdgeSiteRepository.StoredLeafIdentity(
        leafCertificatePem,
        leafKeyPem,
        serverCertificatePem,
        serverKeyPem,
        caChainPem,
        userJwt,
        userSeed);
  }

  @Override
  public String toString() {
    return "HeldIdentity[" + userPublicKey + ", keys and seed hidden]";
  }
}
