package com.serviceradar.edge.server.hub;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.HubBundle;
import com.serviceradar.edge.leafconfig.AccountJwt;
import com.serviceradar.edge.leafconfig.HubConfig;
import com.serviceradar.edge.leafconfig.HubPaths;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.server.natsauth.PlatformOperator;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.pki.PlatformCertificateAuthority;
import com.serviceradar.edge.server.system.EdgeProperties;
import org.springframework.stereotype.Service;

/**
 * The hub bundle: {@code nats-hub.conf} (operator mode, full resolver seeded with every current
 * account JWT, mTLS leafnode listener verifying against the platform root), a fresh hub certificate
 * naming the hosts of {@code EDGE_HUB_CLIENT_URL} and {@code EDGE_HUB_LEAF_URL}, its key, and the
 * root CA.
 */
@Service
class HubBundles {

  private static final int DEFAULT_CLIENT_PORT = 4222;

  private final PlatformOperator platformOperator;
  private final TenantAccounts accounts;
  private final PlatformCertificateAuthority platformCa;
  private final EdgeProperties properties;

  HubBundles(
      PlatformOperator platformOperator,
      TenantAccounts accounts,
      PlatformCertificateAuthority platformCa,
      EdgeProperties properties) {
    this.platformOperator = platformOperator;
    this.accounts = accounts;
    this.platformCa = platformCa;
    this.properties = properties;
  }

  /**
   * @param prefix installs under this directory instead of {@code /} (absolute, as for setup.sh)
   */
  Bundle build(String prefix) {
    NatsOperator operator = platformOperator.operator();
    NatsUrl leafUrl = NatsUrl.parse(properties.hub().leafUrl());
    HubConfig config =
        HubConfig.of(
                clientUrl(leafUrl),
                leafUrl,
                operator.jwt(),
                AccountJwt.of(operator.systemAccount()),
                accounts.allAccountJwts())
            .withListenHost(properties.hub().listenHost())
            .withPaths(paths(prefix));
    IssuedCertificate certificate = platformCa.issueHubCertificate(config.certificateHosts());
    return HubBundle.create(
        config,
        certificate.certificatePem(),
        certificate.privateKeyPem(),
        platformCa.root().certificatePem());
  }

  /**
   * Clients reach the hub at {@code EDGE_HUB_CLIENT_URL}, or by default on port 4222 of the leaf
   * host.
   */
  private NatsUrl clientUrl(NatsUrl leafUrl) {
    String configured = properties.hub().clientUrl();
    return configured.isBlank()
        ? new NatsUrl("nats", leafUrl.host(), DEFAULT_CLIENT_PORT)
        : NatsUrl.parse(configured);
  }

  static HubPaths paths(String prefix) {
    String root = prefix == null || prefix.isBlank() ? "" : prefix.strip().replaceAll("/+$", "");
    HubPaths defaults = HubPaths.DEFAULT;
    return new HubPaths(
        root + defaults.configDir(), root + defaults.resolverDir(), root + defaults.storeDir());
  }
}
