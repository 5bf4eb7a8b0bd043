package com.serviceradar.edge.server.audit;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.TenantReaderOrOperator;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@TenantReaderOrOperator
@RestController
@RequestMapping("/api/v1/audit-events")
class AuditEventController {

  private final AuditTrail trail;

  AuditEventController(AuditTrail trail) {
    this.trail = trail;
  }

  @GetMapping
  AuditTrail.AuditPage list(
      @AuthenticationPrincipal Actor actor,
      @RequestParam(required = false) String action,
      @RequestParam(name = "actor", required = false) String actorId,
      @RequestParam(required = false) String target,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime to,
      @RequestParam(required = false) Long before,
      @RequestParam(required = false) UUID tenantId,
      @RequestParam(defaultValue = "" + AuditTrail.DEFAULT_LIMIT) int limit) {
    return trail.page(
        actor, new AuditQuery(tenantId, action, actorId, target, from, to, before, limit));
  }
}
