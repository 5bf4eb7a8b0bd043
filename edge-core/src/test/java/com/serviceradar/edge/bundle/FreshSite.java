package com.serviceradar.edge.bundle;

import com.serviceradar.edge.leafconfig.AccountJwt;
import com.serviceradar.edge.leafconfig.HostPort;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.natsauth.NatsIdentities;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.PlatformRootCa;
import com.serviceradar.edge.pki.TenantCa;
import com.serviceradar.edge.pki.Validity;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant {@code acme} with site {@code nyc-office}, identities and certificates issued now, for
 * tests that run setup.sh and nats-server (which check validity against the real clock).
 */
final class FreshSite {

  static final UUID SITE_ID = UUID.fromString("0b7c9e52-33a1-4c55-8d0e-2f4a6b8c1d3e");

  final SecureRandom random = new SecureRandom();
  final Instant now = Instant.now().minus(Duration.ofMinutes(1));
  final NatsIdentities identities = new NatsIdentities(Clock.systemUTC(), random);
  final NatsOperator operator = identities.createOperator("serviceradar-test");
  final TenantAccount acme = identities.createTenantAccount(operator, TenantSlug.of("acme"));
  final PlatformRootCa root = PlatformRootCa.create(now, random);
  final TenantCa acmeCa = root.issueTenantCa(TenantSlug.of("acme"), now, random);
  final SiteSlug site = SiteSlug.of("nyc-office");

  /** Default install paths, local clients and monitoring on 127.0.0.1 at the given ports. */
  LeafConfig config(NatsUrl upstream, int clientPort, int monitoringPort) {
    return LeafConfig.forSite(
            TenantSlug.of("acme"),
            site,
            upstream,
            operator.jwt(),
            AccountJwt.of(operator.systemAccount()),
            AccountJwt.of(acme))
        .withLocalListen(new HostPort("127.0.0.1", clientPort))
        .withMonitoringPort(monitoringPort);
  }

  Bundle bundle(String siteName, LeafConfig config) {
    return bundle(siteName, config, Validity.from(now, Period.ofYears(1)));
  }

  Bundle bundle(String siteName, LeafConfig config, Validity leafValidity) {
    IssuedCertificate leaf = acmeCa.issueLeafCertificate(site, leafValidity, random);
    IssuedCertificate local =
        acmeCa.issueLocalServerCertificate(site, Optional.empty(), now, random);
    return EdgeSiteBundle.create(
        new EdgeSite(SITE_ID, siteName, Optional.empty()),
        config,
        LeafCertificates.of(local, leaf, acmeCa),
        identities.issueLeafUser(acme, site, SITE_ID).credsText());
  }
}
