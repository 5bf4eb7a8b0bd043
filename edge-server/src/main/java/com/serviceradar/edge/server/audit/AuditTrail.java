package com.serviceradar.edge.server.audit;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reads the audit trail a page at a time, for the API and the audit log pages. */
@Service
public class AuditTrail {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  /** A page of events; pass {@code nextBefore} as {@code before} to get the next (older) page. */
  public record AuditPage(List<AuditEvent> items, Long nextBefore) {}

  private final AuditRepository repository;

  AuditTrail(AuditRepository repository) {
    this.repository = repository;
  }

  /**
   * The events the query matches that {@code viewer} may see: tenant actors only ever see their own
   * tenant, whatever the query asks for.
   */
  public AuditPage page(Actor viewer, AuditQuery query) {
    if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
      throw ApiProblemException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    AuditQuery scoped =
        viewer.isPlatformOperator()
            ? query
            : new AuditQuery(
                viewer.requireTenant(),
                query.action(),
                query.actor(),
                query.target(),
                query.from(),
                query.to(),
                query.before(),
                query.limit());
    List<AuditEvent> items = repository.find(scoped);
    Long nextBefore = items.size() == query.limit() ? items.get(items.size() - 1).id() : null;
    return new AuditPage(items, nextBefore);
  }
}
