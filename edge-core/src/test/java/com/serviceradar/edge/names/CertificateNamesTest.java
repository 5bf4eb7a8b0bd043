package com.serviceradar.edge.names;

import static org.assertj.core.api.Assertions.assertThat;

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
}
