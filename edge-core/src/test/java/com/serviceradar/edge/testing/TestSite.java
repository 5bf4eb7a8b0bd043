package com.serviceradar.edge.testing;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.EdgeSite;
import com.serviceradar.edge.bundle.EdgeSiteBundle;
import com.serviceradar.edge.bundle.LeafCertificates;
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
 * A tenant {@code acme} with one site {@code nyc-office}, identities issued now, whose bundle can
 * be built with healthy or deliberately faulty certificates: for tests of {@code verify} and the
 * CLI.
 */
public final class TestSite {

  public final UUID siteId = UUID.randomUUID();
  public final SecureRandom random = new SecureRandom();
  public final Instant now = Instant.now().minus(Duration.ofMinutes(1));
  public final NatsIdentities identities = new NatsIdentities(Clock.systemUTC(), random);
  public final NatsOperator operator = identities.createOperator("serviceradar-test");
  public final TenantAccount acme = identities.createTenantAccount(operator, TenantSlug.of("acme"));
  public final PlatformRootCa root = PlatformRootCa.create(now, random);
  public final TenantCa acmeCa = root.issueTenantCa(TenantSlug.of("acme"), now, random);
  public final SiteSlug site = SiteSlug.of("nyc-office");

  /** The site's config: upstream {@code tls://127.0.0.1:<upstreamPort>}, loopback listeners. */
  public LeafConfig config(int upstreamPort, int clientPort, int monitoringPort) {
    return LeafConfig.forSite(
            TenantSlug.of("acme"),
            site,
            NatsUrl.parse("tls://127.0.0.1:" + upstreamPort),
            operator.jwt(),
            AccountJwt.of(operator.systemAccount()),
            AccountJwt.of(acme))
        .withLocalListen(new HostPort("127.0.0.1", clientPort))
        .withMonitoringPort(monitoringPort);
  }

  /** A healthy bundle. */
  public Bundle bundle(LeafConfig config) {
    return bundle(config, Validity.from(now, Period.ofYears(1)), acmeCa);
  }

  /** A bundle whose leaf certificate has this validity (in the past: expired). */
  public Bundle bundleWithLeafValidity(LeafConfig config, Validity leafValidity) {
    return bundle(config, leafValidity, acmeCa);
  }

  /** A leaf certificate for this site from another platform root's {@code acme} CA. */
  public IssuedCertificate foreignLeafCertificate() {
    PlatformRootCa otherRoot = PlatformRootCa.create(now, random);
    TenantCa otherCa = otherRoot.issueTenantCa(TenantSlug.of("acme"), now, random);
    return otherCa.issueLeafCertificate(site, Validity.from(now, Period.ofYears(1)), random);
  }

  private Bundle bundle(LeafConfig config, Validity leafValidity, TenantCa ca) {
    IssuedCertificate leaf = ca.issueLeafCertificate(site, leafValidity, random);
    IssuedCertificate local = ca.issueLocalServerCertificate(site, Optional.empty(), now, random);
    return EdgeSiteBundle.create(
        new EdgeSite(siteId, "NYC Office", Optional.empty()),
        config,
        LeafCertificates.of(local, leaf, ca),
        identities.issueLeafUser(acme, site, siteId).credsText());
  }
}
