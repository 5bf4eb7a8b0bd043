package com.serviceradar.edge.bundle;

import java.util.Objects;

/**
 * A collector's TLS material, PEM: its client certificate and key from the tenant CA, and the CA
 * chain it verifies the leaf's or hub's server certificate with.
 */
public record CollectorCertificates(
    String certificatePem, String privateKeyPem, String caChainPem) {

  public CollectorCertificates {
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    Objects.requireNonNull(caChainPem, "caChainPem");
  }

  @Override
  public String toString() {
    return "CollectorCertificates[private key hidden]";
  }
}
