package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which renewals the fleet lists as due, done and failed. */
class FleetRenewalsTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 2, 12, 0, 0, 0, ZoneOffset.UTC);

  private static FleetOverview.FleetLeaf leaf(
      String name, OffsetDateTime certExpiresAt, SiteCondition... conditions) {
    return new FleetOverview.FleetLeaf(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "acme",
        name.toLowerCase(),
        name,
        "active",
        "connected",
        "leaf-acme-" + name.toLowerCase(),
        NOW,
        null,
        null,
        certExpiresAt,
        null,
        null,
        null,
        List.of(conditions));
  }

  private static LeafRotation completed(FleetOverview.FleetLeaf leaf, Duration ago) {
    OffsetDateTime finished = NOW.minus(ago);
    return new LeafRotation(
        UUID.randomUUID(),
        leaf.siteId(),
        leaf.tenantId(),
        RotationState.COMPLETED,
        "UOLD",
        "UNEW",
        finished.plusYears(1),
        finished.minusSeconds(5),
        finished.minusSeconds(2),
        finished,
        null);
  }

  @Test
  void aLeafIsDueWhenItsCertificatesExpireWithinThirtyDaysOrHaveExpired() {
    FleetOverview.FleetLeaf in10Days = leaf("Soon", NOW.plusDays(10));
    FleetOverview.FleetLeaf expired = leaf("Expired", NOW.minusDays(1));
    FleetOverview.FleetLeaf atThirtyDays = leaf("Edge", NOW.plusDays(30));
    FleetOverview.FleetLeaf later = leaf("Later", NOW.plusDays(31));
    FleetOverview.FleetLeaf pending = leaf("Pending", null);

    FleetRenewals.Renewals renewals =
        FleetRenewals.of(List.of(later, in10Days, pending, atThirtyDays, expired), List.of(), NOW);

    assertThat(renewals.due())
        .extracting(FleetRenewals.Due::name)
        .containsExactly("Expired", "Soon", "Edge");
  }

  @Test
  void doneListsCompletedRenewalsMostRecentFirstWithTheirNewUserAndExpiry() {
    FleetOverview.FleetLeaf nyc = leaf("NYC", NOW.plusYears(1));
    FleetOverview.FleetLeaf berlin = leaf("Berlin", NOW.plusYears(1));
    LeafRotation older = completed(nyc, Duration.ofDays(3));
    LeafRotation newer = completed(berlin, Duration.ofHours(1));

    FleetRenewals.Renewals renewals =
        FleetRenewals.of(List.of(nyc, berlin), List.of(older, newer), NOW);

    assertThat(renewals.done())
        .extracting(FleetRenewals.Done::name)
        .containsExactly("Berlin", "NYC");
    FleetRenewals.Done last = renewals.done().get(0);
    assertThat(last.renewedAt()).isEqualTo(newer.finishedAt());
    assertThat(last.validUntil()).isEqualTo(newer.newCertExpiresAt());
    assertThat(last.leafUser()).isEqualTo("UNEW");
    assertThat(renewals.due()).isEmpty();
  }

  @Test
  void failedListsSitesWithRenewalFailedLongestFailingFirst() {
    SiteCondition failedLong =
        new SiteCondition(
            SiteCondition.Kind.RENEWAL_FAILED,
            SiteCondition.Severity.WARNING,
            "rolled back: no link",
            NOW.minusDays(2));
    SiteCondition failedRecently =
        new SiteCondition(
            SiteCondition.Kind.RENEWAL_FAILED,
            SiteCondition.Severity.WARNING,
            "rolled back: cut-over failed",
            NOW.minusHours(1));
    SiteCondition flapping =
        new SiteCondition(
            SiteCondition.Kind.FLAPPING, SiteCondition.Severity.WARNING, "3 disconnects", NOW);

    FleetRenewals.Renewals renewals =
        FleetRenewals.of(
            List.of(
                leaf("Recent", NOW.plusYears(1), failedRecently),
                leaf("Flapping", NOW.plusYears(1), flapping),
                leaf("Long", NOW.plusYears(1), failedLong)),
            List.of(),
            NOW);

    assertThat(renewals.failed())
        .extracting(FleetRenewals.Failed::name, FleetRenewals.Failed::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Long", "rolled back: no link"),
            org.assertj.core.groups.Tuple.tuple("Recent", "rolled back: cut-over failed"));
  }
}
