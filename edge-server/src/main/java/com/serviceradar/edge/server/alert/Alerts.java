package com.serviceradar.edge.server.alert;

import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Reads alerts for a caller: tenant roles see their own tenant's only, platform operators every
 * tenant's. Another tenant's alert is indistinguishable from none.
 */
@Service
class Alerts {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  private final AlertRepository repository;

  Alerts(AlertRepository repository) {
    this.repository = repository;
  }

  /**
   * Newest first.
   *
   * @param state {@code open}, {@code resolved} or null for both
   * @param tenantId narrows a platform operator's list; ignored for tenant roles
   */
  List<Alert> list(Actor actor, String state, UUID tenantId, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblemException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    UUID scope = actor.isPlatformOperator() ? tenantId : actor.requireTenant();
    return repository.list(scope, parseState(state), limit);
  }

  Alert find(Actor actor, UUID alertId) {
    return repository
        .find(alertId)
        .filter(alert -> actor.isPlatformOperator() || alert.tenantId().equals(actor.tenantId()))
        .orElseThrow(() -> ApiProblemException.notFound("no alert " + alertId));
  }

  private static AlertState parseState(String state) {
    if (state == null) {
      return null;
    }
    try {
      return AlertState.fromWireName(state);
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid("state must be open or resolved");
    }
  }
}
