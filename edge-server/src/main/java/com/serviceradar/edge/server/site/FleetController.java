package com.serviceradar.edge.server.site;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.PlatformOperator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Every tenant's leafs at once, for platform operators: what is down, flapping or expiring. */
@PlatformOperator
@RestController
@RequestMapping("/api/v1/fleet")
class FleetController {

  record FleetLeafJson(
      @JsonUnwrapped FleetOverview.FleetLeaf leaf, List<SiteJson.ConditionJson> conditions) {}

  /**
   * @param counts leafs by leaf status, and by condition, over the whole fleet (before filtering)
   */
  record FleetJson(
      Map<String, Long> byStatus,
      Map<String, Long> byCondition,
      int total,
      List<FleetLeafJson> items) {}

  private final FleetOverview fleet;
  private final FleetRenewals renewals;
  private final SiteStream stream;

  FleetController(FleetOverview fleet, FleetRenewals renewals, SiteStream stream) {
    this.fleet = fleet;
    this.renewals = renewals;
    this.stream = stream;
  }

  /**
   * Renewals due (certificates expiring within 30 days), done (completed in the last 30 days) and
   * failed (sites with {@code renewal_failed}).
   */
  @GetMapping("/renewals")
  FleetRenewals.Renewals renewals() {
    return renewals.renewals();
  }

  /** Every site's health changes as server-sent events (see the edge-sites stream). */
  @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@AuthenticationPrincipal Actor actor) {
    return stream.subscribe(actor);
  }

  /** Disconnected leafs first (longest down first), then the rest by tenant and site. */
  @GetMapping("/leafs")
  FleetJson leafs(@RequestParam Optional<String> status, @RequestParam Optional<String> condition) {
    FleetOverview.Fleet found = fleet.leafs(status, condition);
    return new FleetJson(
        found.byStatus(),
        found.byCondition(),
        found.total(),
        found.items().stream()
            .map(
                leaf ->
                    new FleetLeafJson(
                        leaf, leaf.conditions().stream().map(SiteJson.ConditionJson::of).toList()))
            .toList());
  }
}
