package com.serviceradar.edge.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EdgeSiteNamesTest {

  private static final UUID SITE = UUID.fromString("6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42");

  @Test
  void bundleFolderAndArchiveCarryTheSiteId() {
    assertThat(EdgeSiteNames.bundleFolder(SITE))
        .isEqualTo("edge-site-6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42");
    assertThat(EdgeSiteNames.bundleArchive(SITE))
        .isEqualTo("edge-site-6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42.tar.gz");
  }

  @Test
  void siteIsReadBackFromABundleFolderOnly() {
    assertThat(EdgeSiteNames.siteOfBundleFolder("edge-site-6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42"))
        .contains(SITE);
    assertThat(EdgeSiteNames.siteOfBundleFolder("edge-site-x")).isEmpty();
    assertThat(EdgeSiteNames.siteOfBundleFolder("renewal")).isEmpty();
    assertThat(EdgeSiteNames.siteOfBundleFolder(null)).isEmpty();
  }

  @Test
  void userTagsNameTheSiteTheTenantAndTheKind() {
    assertThat(UserTags.edgeSite(SITE)).isEqualTo("edge-site:6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42");
    assertThat(UserTags.tenant(TenantSlug.of("acme"))).isEqualTo("tenant:acme");
    assertThat(UserTags.collector("flowgger")).isEqualTo("collector:flowgger");
    assertThat(UserTags.KIND_LEAF).isEqualTo("kind:leaf");
    assertThat(UserTags.KIND_CONSUMER).isEqualTo("kind:consumer");
    assertThat(UserTags.KIND_CONTROL_PLANE).isEqualTo("kind:control-plane");
  }

  @Test
  void siteIsReadBackFromTheFirstEdgeSiteTag() {
    assertThat(UserTags.edgeSiteOf(List.of("tenant:acme", UserTags.edgeSite(SITE), "kind:leaf")))
        .contains(SITE);
    assertThat(UserTags.edgeSiteOf(List.of("tenant:acme"))).isEmpty();
    assertThatThrownBy(() -> UserTags.edgeSiteOf(List.of("edge-site:nope")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
