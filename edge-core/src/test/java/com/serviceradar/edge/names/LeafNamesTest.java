package com.serviceradar.edge.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeafNamesTest {

  private static final SiteSlug NYC = SiteSlug.of("nyc-office");
  private static final TenantSlug ACME = TenantSlug.of("acme");

  @Test
  void leafUserNamesTheSiteThenTheTenantWithDots() {
    assertThat(LeafNames.user(NYC, ACME)).isEqualTo("leaf.nyc-office.acme");
  }

  @Test
  void serverNameNamesTheTenantThenTheSiteWithDashes() {
    assertThat(LeafNames.serverName(ACME, NYC)).isEqualTo("leaf-acme-nyc-office");
  }

  @Test
  void siteIsReadBackFromTheTenantsServerNamesOnly() {
    assertThat(LeafNames.siteOfServerName(ACME, "leaf-acme-nyc-office")).contains(NYC);
    assertThat(LeafNames.siteOfServerName(TenantSlug.of("acme-corp"), "leaf-acme-corp-x"))
        .contains(SiteSlug.of("x"));
    assertThat(LeafNames.siteOfServerName(ACME, "leaf-globex-nyc-office")).isEmpty();
    assertThat(LeafNames.siteOfServerName(ACME, "leaf-acme-")).isEmpty();
    assertThat(LeafNames.siteOfServerName(ACME, "leaf-acme-Bad")).isEmpty();
    assertThat(LeafNames.siteOfServerName(ACME, null)).isEmpty();
  }

  @Test
  void jetStreamDomainOfASiteIsEdgeThenTheSlugAndReadsBack() {
    assertThat(JetStreamDomain.forSite(NYC).value()).isEqualTo("edge-nyc-office");
    assertThat(JetStreamDomain.siteOf("edge-nyc-office")).contains(NYC);
    assertThat(JetStreamDomain.siteOf("hub")).isEmpty();
    assertThat(JetStreamDomain.siteOf("edge-")).isEmpty();
    assertThat(JetStreamDomain.siteOf(null)).isEmpty();
  }
}
