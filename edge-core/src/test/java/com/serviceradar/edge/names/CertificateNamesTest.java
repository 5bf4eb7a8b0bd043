package com.serviceradar.edge.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateNamesTest {

  private static final SiteSlug NYC = SiteSlug.of("nyc-office");
  private static final TenantSlug ACME = TenantSlug.of("acme");

  @Test
  void leafUpstreamNameNamesTheSiteThenTheTenant() {
    assertThat(CertificateNames.leafUpstream(NYC, ACME))
        .isEqualTo("leaf.nyc-office.acme.serviceradar");
  }

  @Test
  void leafLocalServerNameNamesTheSiteThenTheTenant() {
    assertThat(CertificateNames.leafLocalServer(NYC, ACME))
        .isEqualTo("nats.nyc-office.acme.serviceradar");
  }

  @Test
  void tenantCaNameCarriesTheTenantSlug() {
    assertThat(CertificateNames.tenantCa(ACME)).isEqualTo("tenant-acme.ca.serviceradar");
  }

  @Test
  void platformRootNameIsFixed() {
    assertThat(CertificateNames.PLATFORM_ROOT_CA)
        .isEqualTo("serviceradar-platform-root.ca.serviceradar");
  }

  @Test
  void collectorNameIsTheInstanceThenTheSiteOrDefaultThenTheTenant() {
    assertThat(CertificateNames.collector("flowgger-1a2b3c4d", Optional.of(NYC), ACME))
        .isEqualTo("flowgger-1a2b3c4d.nyc-office.acme.serviceradar");
    assertThat(CertificateNames.collector("flowgger-1a2b3c4d", Optional.empty(), ACME))
        .isEqualTo("flowgger-1a2b3c4d.default.acme.serviceradar");
  }

  @Test
  void tenantIsReadBackFromATenantCaNameOnly() {
    assertThat(CertificateNames.tenantOfCa("tenant-acme.ca.serviceradar")).contains(ACME);
    assertThat(CertificateNames.tenantOfCa("serviceradar-platform-root.ca.serviceradar")).isEmpty();
    assertThat(CertificateNames.tenantOfCa("tenant--acme.ca.serviceradar")).isEmpty();
    assertThat(CertificateNames.tenantOfCa(null)).isEmpty();
  }
}
