package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.site.FleetOverview;
import com.serviceradar.edge.server.site.FleetOverview.FleetLeaf;
import com.serviceradar.edge.server.site.FleetRenewals;
import com.serviceradar.edge.server.site.LeafServerStatus;
import com.serviceradar.edge.server.site.SiteStream;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.PlatformOperator;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The platform operator's fleet dashboard: leafs by status across tenants, the sites that are down
 * (longest first), the certificates that expire soonest and the renewals due, done and failed. The
 * panel reloads itself whenever a site's health changes.
 */
@PlatformOperator
@Controller
@RequestMapping("/operator/fleet")
class FleetPage {

  /** How many of the soonest-expiring certificates the dashboard lists. */
  static final int EXPIRING_SHOWN = 10;

  record DownSite(
      String tenant, String site, OffsetDateTime since, String downFor, String reason) {}

  /** A leaf certificate graded as on the site's own page. */
  record ExpiringCertificate(String tenant, String site, CertificateExpiry expiry) {}

  /** A site whose buffer holds messages the hub does not have yet: its outage backlog. */
  record Backlog(String tenant, String site, long waiting, String percentFull, String oldestFor) {}

  private final FleetOverview fleet;
  private final FleetRenewals renewals;
  private final Tenants tenants;
  private final SiteStream stream;
  private final Clock clock;

  FleetPage(
      FleetOverview fleet,
      FleetRenewals renewals,
      Tenants tenants,
      SiteStream stream,
      Clock clock) {
    this.fleet = fleet;
    this.renewals = renewals;
    this.tenants = tenants;
    this.stream = stream;
    this.clock = clock;
  }

  @GetMapping
  String dashboard(Model model) {
    panelModel(model);
    return "operator/fleet";
  }

  /** The dashboard's content alone, which the page fetches again on every site change. */
  @GetMapping("/panel")
  String panel(Model model) {
    panelModel(model);
    return "operator/fleet :: panel";
  }

  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(Actor actor) {
    return stream.subscribe(actor);
  }

  private void panelModel(Model model) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    FleetOverview.Fleet leafs = fleet.leafs();
    Map<UUID, String> tenantNames =
        tenants.list().stream().collect(Collectors.toMap(Tenant::id, Tenant::name));
    List<DownSite> down =
        leafs.items().stream()
            .filter(
                leaf ->
                    leaf.disconnectedAt() != null
                        && LeafServerStatus.DISCONNECTED.wireName().equals(leaf.leafStatus()))
            .map(
                leaf ->
                    new DownSite(
                        tenantNames.get(leaf.tenantId()),
                        leaf.name(),
                        leaf.disconnectedAt().withOffsetSameInstant(ZoneOffset.UTC),
                        Elapsed.between(leaf.disconnectedAt(), now),
                        leaf.lastDisconnectReason()))
            .toList();
    List<ExpiringCertificate> expiring =
        leafs.items().stream()
            .filter(leaf -> leaf.certExpiresAt() != null)
            .sorted(Comparator.comparing(FleetLeaf::certExpiresAt))
            .limit(EXPIRING_SHOWN)
            .map(leaf -> expiringOf(leaf, tenantNames.get(leaf.tenantId()), now))
            .toList();
    model.addAttribute("byStatus", leafs.byStatus());
    model.addAttribute("total", leafs.total());
    model.addAttribute("down", down);
    model.addAttribute("expiring", expiring);
    model.addAttribute("backlogs", backlogs(leafs.items(), tenantNames, now));
    model.addAttribute("renewals", renewals.renewals());
    model.addAttribute("tenantNames", tenantNames);
    model.addAttribute("updatedAt", now);
  }

  /** Sites holding messages the hub does not have yet, largest backlog first. */
  static List<Backlog> backlogs(
      List<FleetLeaf> leafs, Map<UUID, String> tenantNames, OffsetDateTime now) {
    return leafs.stream()
        .filter(leaf -> leaf.undeliveredToHub() != null && leaf.undeliveredToHub() > 0)
        .sorted(Comparator.comparing(FleetLeaf::undeliveredToHub).reversed())
        .limit(EXPIRING_SHOWN)
        .map(
            leaf ->
                new Backlog(
                    tenantNames.get(leaf.tenantId()),
                    leaf.name(),
                    leaf.undeliveredToHub(),
                    leaf.bufferPercentFull() == null
                        ? "—"
                        : String.format(Locale.ROOT, "%.1f %%", leaf.bufferPercentFull()),
                    leaf.bufferOldestAt() == null
                        ? "—"
                        : Elapsed.between(leaf.bufferOldestAt(), now)))
        .toList();
  }

  static ExpiringCertificate expiringOf(FleetLeaf leaf, String tenant, OffsetDateTime now) {
    return new ExpiringCertificate(
        tenant, leaf.name(), CertificateExpiry.of(leaf.certExpiresAt(), now.toInstant()));
  }
}
