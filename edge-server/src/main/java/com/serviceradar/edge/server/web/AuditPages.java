package com.serviceradar.edge.server.web;

import com.serviceradar.edge.server.audit.AuditEvent;
import com.serviceradar.edge.server.audit.AuditQuery;
import com.serviceradar.edge.server.audit.AuditTrail;
import com.serviceradar.edge.server.auth.UserAccount;
import com.serviceradar.edge.server.auth.UserAccounts;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.PlatformOperator;
import com.serviceradar.edge.server.system.TenantReader;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The audit log, newest first, a page at a time: every tenant's for platform operators, the own
 * tenant's for tenant users (the audit trail scopes it, whatever the filters ask).
 */
@Controller
class AuditPages {

  static final int PAGE_SIZE = 50;

  /**
   * The filters as typed: dates as {@code yyyy-MM-dd} (UTC days, both inclusive), the actor as a
   * username or a recorded actor id, {@code before} the cursor of the "Older" link.
   */
  record Filters(
      String action,
      String actor,
      String target,
      String from,
      String to,
      String tenant,
      String before) {

    String actionOrNull() {
      return blankToNull(action);
    }

    String targetOrNull() {
      return blankToNull(target);
    }

    /** The cursor is only ever one of our links, so a bad one is a plain 400. */
    Long beforeOrNull() {
      if (blankToNull(before) == null) {
        return null;
      }
      try {
        return Long.valueOf(before.strip());
      } catch (NumberFormatException e) {
        throw ApiProblemException.invalid("before must be an audit event id");
      }
    }
  }

  /** A row: the actor's username where the actor is a user account this viewer may see. */
  record Row(
      long id,
      OffsetDateTime occurredAt,
      String actor,
      String actorId,
      String actorRole,
      String tenant,
      String action,
      String target,
      String outcome,
      String sourceAddress,
      List<String> details) {}

  private final AuditTrail trail;
  private final UserAccounts users;
  private final Tenants tenants;

  AuditPages(AuditTrail trail, UserAccounts users, Tenants tenants) {
    this.trail = trail;
    this.users = users;
    this.tenants = tenants;
  }

  @PlatformOperator
  @GetMapping("/operator/audit")
  String everyTenant(Actor actor, @ModelAttribute("filters") Filters filters, Model model) {
    model.addAttribute("tenants", tenants.list());
    return page(actor, "/operator/audit", filters, model);
  }

  @TenantReader
  @GetMapping("/admin/audit")
  String ownTenant(Actor actor, @ModelAttribute("filters") Filters filters, Model model) {
    return page(actor, "/admin/audit", filters, model);
  }

  private String page(Actor viewer, String path, Filters filters, Model model) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<LocalDate> from = dateOf(filters.from(), "from", errors);
    Optional<LocalDate> to = dateOf(filters.to(), "to", errors);
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      errors.put("to", "The end date is before the start date.");
    }
    UUID tenantId = null;
    if (viewer.isPlatformOperator() && blankToNull(filters.tenant()) != null) {
      try {
        tenantId = UUID.fromString(filters.tenant().strip());
      } catch (IllegalArgumentException e) {
        errors.put("tenant", "Choose a tenant from the list.");
      }
    }
    List<UserAccount> accounts = users.list(viewer);
    Map<String, String> usernames =
        accounts.stream().collect(Collectors.toMap(AuditPages::actorIdOf, UserAccount::username));
    Map<UUID, String> tenantNames =
        tenants.list().stream().collect(Collectors.toMap(Tenant::id, Tenant::name));
    AuditTrail.AuditPage found = new AuditTrail.AuditPage(List.of(), null);
    if (errors.isEmpty()) {
      found =
          trail.page(
              viewer,
              new AuditQuery(
                  tenantId,
                  filters.actionOrNull(),
                  actorFilterOf(filters.actor(), accounts),
                  filters.targetOrNull(),
                  from.map(AuditPages::startOfDay).orElse(null),
                  to.map(day -> startOfDay(day.plusDays(1))).orElse(null),
                  filters.beforeOrNull(),
                  PAGE_SIZE));
    }
    model.addAttribute(
        "rows", found.items().stream().map(event -> rowOf(event, usernames, tenantNames)).toList());
    model.addAttribute("nextBefore", found.nextBefore());
    model.addAttribute("errors", errors);
    model.addAttribute("path", path);
    model.addAttribute("allTenants", viewer.isPlatformOperator());
    return "audit/log";
  }

  /**
   * A username becomes the id the audit trail recorded for that user; anything else is as typed.
   */
  private static String actorFilterOf(String typed, List<UserAccount> accounts) {
    String actor = blankToNull(typed);
    if (actor == null) {
      return null;
    }
    String trimmed = actor.strip();
    return accounts.stream()
        .filter(account -> account.username().equalsIgnoreCase(trimmed))
        .findFirst()
        .map(AuditPages::actorIdOf)
        .orElse(trimmed);
  }

  /** How {@code SignedInUser.actor} names a user in the audit trail. */
  private static String actorIdOf(UserAccount account) {
    return "user:" + account.id();
  }

  private static Row rowOf(
      AuditEvent event, Map<String, String> usernames, Map<UUID, String> tenantNames) {
    List<String> details =
        event.details().entrySet().stream()
            .map(entry -> entry.getKey() + ": " + entry.getValue())
            .toList();
    return new Row(
        event.id(),
        event.occurredAt().withOffsetSameInstant(ZoneOffset.UTC),
        usernames.getOrDefault(event.actor(), event.actor()),
        event.actor(),
        event.actorRole(),
        event.tenantId() == null ? "" : tenantNames.getOrDefault(event.tenantId(), ""),
        event.action(),
        event.target(),
        event.outcome(),
        event.sourceAddress(),
        details);
  }

  private static Optional<LocalDate> dateOf(String text, String field, Map<String, String> errors) {
    if (blankToNull(text) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text.strip()));
    } catch (DateTimeParseException e) {
      errors.put(field, "Enter a date as YYYY-MM-DD.");
      return Optional.empty();
    }
  }

  private static OffsetDateTime startOfDay(LocalDate day) {
    return day.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
