package com.serviceradar.edge.leafconfig;

import static com.serviceradar.edge.testing.IdentityFixtures.accountPublicKey;
import static com.serviceradar.edge.testing.IdentityFixtures.jwt;
import static com.serviceradar.edge.testing.IdentityFixtures.operatorJwt;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import java.util.List;

/** The fixed inputs of the golden leaf and hub configurations. */
final class LeafFixtures {

  static final TenantSlug ACME = TenantSlug.of("acme");
  static final SiteSlug NYC_OFFICE = SiteSlug.of("nyc-office");
  static final NatsUrl HUB_LEAF_URL = NatsUrl.parse("tls://nats.serviceradar.cloud:7422");
  static final NatsUrl HUB_CLIENT_URL = NatsUrl.parse("tls://nats.serviceradar.cloud:4222");

  private LeafFixtures() {}

  static AccountJwt account(String jwtFile) {
    return new AccountJwt(accountPublicKey(jwtFile), jwt(jwtFile));
  }

  static AccountJwt systemAccount() {
    return account("system-account.jwt");
  }

  static AccountJwt acme() {
    return account("acme-account.jwt");
  }

  static AccountJwt globex() {
    return account("globex-account.jwt");
  }

  /** Site nyc-office of acme with every default. */
  static LeafConfig leafConfig() {
    return LeafConfig.forSite(
        ACME, NYC_OFFICE, HUB_LEAF_URL, operatorJwt(), systemAccount(), acme());
  }

  /** The SaaS hub with TLS for clients, monitoring on 127.0.0.1:8222, acme and globex. */
  static HubConfig hubConfig() {
    return HubConfig.of(
            HUB_CLIENT_URL, HUB_LEAF_URL, operatorJwt(), systemAccount(), List.of(globex(), acme()))
        .withMonitoring(new HostPort("127.0.0.1", 8222));
  }
}
