package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Leaf identity renewals across the fleet, for platform operators: which are due (certificates
 * expiring within 30 days, or expired), which were done recently, and which sites' last renewal
 * failed. Site agents renew by themselves within the same 30 days, so a leaf that stays due is one
 * whose agent is not running, or whose renewals fail.
 */
@Service
public class FleetRenewals {

  /** How far back the fleet lists completed renewals. */
  public static final Duration RECENT = Duration.ofDays(30);

  /** A leaf whose certificates expire within 30 days (or have expired). */
  public record Due(
      UUID siteId, UUID tenantId, String siteSlug, String name, OffsetDateTime certExpiresAt) {}

  /** A renewal that completed: the site switched to {@code leafUser}, valid until then. */
  public record Done(
      UUID siteId,
      UUID tenantId,
      String siteSlug,
      String name,
      OffsetDateTime renewedAt,
      OffsetDateTime validUntil,
      String leafUser) {}

  /** A site whose last renewal was rolled back ({@code renewal_failed}), since when and why. */
  public record Failed(
      UUID siteId,
      UUID tenantId,
      String siteSlug,
      String name,
      OffsetDateTime since,
      String detail) {}

  /**
   * @param due soonest expiry first
   * @param done most recent first
   * @param failed longest failing first
   */
  public record Renewals(List<Due> due, List<Done> done, List<Failed> failed) {}

  private final FleetOverview fleet;
  private final LeafRotationRepository rotations;
  private final Clock clock;

  FleetRenewals(FleetOverview fleet, LeafRotationRepository rotations, Clock clock) {
    this.fleet = fleet;
    this.rotations = rotations;
    this.clock = clock;
  }

  public Renewals renewals() {
    OffsetDateTime now = Timestamps.now(clock);
    return of(fleet.leafs().items(), rotations.completedSince(now.minus(RECENT)), now);
  }

  /** The rule, apart from where the leafs and rotations come from. */
  static Renewals of(
      List<FleetOverview.FleetLeaf> leafs, List<LeafRotation> completed, OffsetDateTime now) {
    OffsetDateTime dueBy = now.plus(SiteConditions.CERT_WARNING);
    List<Due> due =
        leafs.stream()
            .filter(leaf -> leaf.certExpiresAt() != null && !leaf.certExpiresAt().isAfter(dueBy))
            .sorted(Comparator.comparing(FleetOverview.FleetLeaf::certExpiresAt))
            .map(
                leaf ->
                    new Due(
                        leaf.siteId(),
                        leaf.tenantId(),
                        leaf.siteSlug(),
                        leaf.name(),
                        leaf.certExpiresAt()))
            .toList();
    Map<UUID, FleetOverview.FleetLeaf> bySite =
        leafs.stream()
            .collect(Collectors.toMap(FleetOverview.FleetLeaf::siteId, Function.identity()));
    List<Done> done =
        completed.stream()
            .filter(rotation -> bySite.containsKey(rotation.siteId()))
            .sorted(Comparator.comparing(LeafRotation::finishedAt).reversed())
            .map(
                rotation -> {
                  FleetOverview.FleetLeaf leaf = bySite.get(rotation.siteId());
                  return new Done(
                      leaf.siteId(),
                      leaf.tenantId(),
                      leaf.siteSlug(),
                      leaf.name(),
                      rotation.finishedAt(),
                      rotation.newCertExpiresAt(),
                      rotation.newUserPublicKey());
                })
            .toList();
    List<Failed> failed =
        leafs.stream()
            .flatMap(
                leaf ->
                    leaf.conditions().stream()
                        .filter(c -> c.kind() == SiteCondition.Kind.RENEWAL_FAILED)
                        .map(
                            c ->
                                new Failed(
                                    leaf.siteId(),
                                    leaf.tenantId(),
                                    leaf.siteSlug(),
                                    leaf.name(),
                                    c.since(),
                                    c.detail())))
            .sorted(Comparator.comparing(Failed::since))
            .toList();
    return new Renewals(due, done, failed);
  }
}
