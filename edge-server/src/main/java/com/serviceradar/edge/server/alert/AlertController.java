package com.serviceradar.edge.server.alert;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.TenantReaderOrOperator;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@TenantReaderOrOperator
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

  /** An alert as the API shows it; every key is always present, null when unknown. */
  record AlertJson(
      UUID id,
      UUID tenantId,
      UUID edgeSiteId,
      String siteName,
      String siteSlug,
      String kind,
      String severity,
      String state,
      OffsetDateTime openedAt,
      OffsetDateTime resolvedAt,
      String detail) {

    static AlertJson of(Alert alert) {
      return new AlertJson(
          alert.id(),
          alert.tenantId(),
          alert.siteId(),
          alert.siteName(),
          alert.siteSlug(),
          alert.kind(),
          alert.severity(),
          alert.state().wireName(),
          alert.openedAt(),
          alert.resolvedAt(),
          alert.detail());
    }
  }

  private final Alerts alerts;

  AlertController(Alerts alerts) {
    this.alerts = alerts;
  }

  /** {@code ?state=open|resolved}; platform operators may narrow to one {@code tenantId}. */
  @GetMapping
  List<AlertJson> list(
      @AuthenticationPrincipal Actor actor,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) UUID tenantId,
      @RequestParam(defaultValue = "" + Alerts.DEFAULT_LIMIT) int limit) {
    return alerts.list(actor, state, tenantId, limit).stream().map(AlertJson::of).toList();
  }

  @GetMapping("/{alertId}")
  AlertJson show(@AuthenticationPrincipal Actor actor, @PathVariable UUID alertId) {
    return AlertJson.of(alerts.find(actor, alertId));
  }
}
