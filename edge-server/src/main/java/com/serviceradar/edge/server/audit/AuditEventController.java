package com.serviceradar.edge.server.audit;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit-events")
class AuditEventController {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  /** A page of events; pass {@code nextBefore} as {@code before} to get the next (older) page. */
  record AuditPage(List<AuditEvent> items, Long nextBefore) {}

  private final AuditRepository repository;

  AuditEventController(AuditRepository repository) {
    this.repository = repository;
  }

  @GetMapping
  AuditPage list(
      @AuthenticationPrincipal Actor actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String target,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime to,
      @RequestParam(required = false) Long before,
      @RequestParam(required = false) UUID tenantId,
      @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblemException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    // Tenant actors only ever see their own tenant, whatever they ask for.
    UUID scope = actor.isPlatformOperator() ? tenantId : actor.requireTenant();
    List<AuditEvent> items =
        repository.find(new AuditQuery(scope, action, target, from, to, before, limit));
    Long nextBefore = items.size() == limit ? items.get(items.size() - 1).id() : null;
    return new AuditPage(items, nextBefore);
  }
}
