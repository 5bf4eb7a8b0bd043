package com.serviceradar.edge.server.audit;

import com.serviceradar.edge.server.system.Actor;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One thing to write to the audit trail. Details are short facts (slug, name, role), never secrets.
 *
 * @param tenantId the tenant the event belongs to (its admins can read it); the actor's by default
 */
public record AuditRecord(
    Actor actor,
    String action,
    String target,
    Outcome outcome,
    UUID tenantId,
    Map<String, String> details) {

  public enum Outcome {
    SUCCESS,
    FAILURE;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AuditRecord {
    details = Map.copyOf(details);
  }

  public static AuditRecord success(Actor actor, String action, String target) {
    return new AuditRecord(actor, action, target, Outcome.SUCCESS, actor.tenantId(), Map.of());
  }

  public static AuditRecord failure(Actor actor, String action, String target, String reason) {
    return new AuditRecord(
        actor, action, target, Outcome.FAILURE, actor.tenantId(), Map.of("reason", reason));
  }

  public AuditRecord forTenant(UUID tenant) {
    return new AuditRecord(actor, action, target, outcome, tenant, details);
  }

  public AuditRecord withDetails(Map<String, String> more) {
    Map<String, String> merged = new TreeMap<>(details);
    merged.putAll(more);
    return new AuditRecord(actor, action, target, outcome, tenantId, merged);
  }
}
