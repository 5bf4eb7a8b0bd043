package com.serviceradar.edge.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code sync} tells its reader: a sentence per event, or with {@code --json} one JSON line
 * each (time, site, status and details), for the journal of the agent's service.
 */
final class SyncReport {

  private final CliContext context;
  private final SiteAgent agent;
  private final boolean json;

  SyncReport(CliContext context, SiteAgent agent, boolean json) {
    this.context = context;
    this.agent = agent;
    this.json = json;
  }

  void notice() {
    if (json) {
      printJson("notice");
    } else {
      context.out().println("Change notice from the control plane: syncing now.");
      context.out().flush();
    }
  }

  void notices(String line) {
    if (json) {
      printJson("notices", "detail", line);
    } else {
      context.out().println("Notices: " + line + ".");
      context.out().flush();
    }
  }

  void postponed(Instant expiresAt, String why) {
    if (json) {
      printJson("renewal-postponed", "expiresAt", expiresAt.toString(), "reason", why);
    } else {
      context
          .out()
          .println(
              "The leaf's identity expires at " + expiresAt + "; renewal postponed: " + why + ".");
    }
    context.out().flush();
  }

  void renewed(SiteRenewal.Renewal renewal) {
    if (json) {
      printJson(
          "renewed",
          "oldLeafUser",
          renewal.users().oldLeafUser(),
          "newLeafUser",
          renewal.users().newLeafUser(),
          "expiresAt",
          renewal.expiresAt().toString(),
          "linkDownMillis",
          renewal.users().linkDown() == null ? null : renewal.users().linkDown().toMillis());
    } else {
      context
          .out()
          .println(
              "Renewed the leaf's identity: the hub sees leaf user "
                  + renewal.users().newLeafUser()
                  + ", the old one is revoked; valid until "
                  + renewal.expiresAt()
                  + ".");
    }
    context.out().flush();
  }

  void synced(SiteSync.Outcome outcome) {
    if (json) {
      printJson(
          outcome.status().name().toLowerCase(Locale.ROOT),
          "configChecksum",
          outcome.configChecksum(),
          "previousChecksum",
          outcome.previousChecksum().orElse(null),
          "pid",
          outcome.reloaded().map(LeafReload.Reloaded::pid).orElse(null),
          "configLoadTime",
          outcome.reloaded().map(LeafReload.Reloaded::configLoadTime).orElse(null));
    } else if (outcome.status() == SiteSync.Status.CURRENT) {
      context
          .out()
          .println(
              "Site "
                  + agent.siteId()
                  + " is current (configChecksum "
                  + shortChecksum(outcome.configChecksum())
                  + ").");
    } else {
      LeafReload.Reloaded reloaded = outcome.reloaded().orElseThrow();
      context
          .out()
          .println(
              "Installed configChecksum "
                  + shortChecksum(outcome.configChecksum())
                  + " (was "
                  + outcome.previousChecksum().map(SyncReport::shortChecksum).orElse("none")
                  + ") and reloaded nats-server "
                  + reloaded.pid()
                  + " (config_load_time "
                  + reloaded.configLoadTime()
                  + ").");
    }
    context.out().flush();
  }

  /** In --watch a failure is reported and the next interval tries again. */
  void failedThisRound(ExitException e) {
    if (json) {
      failed(e);
    }
    context.err().println("serviceradar-edge: sync failed: " + e.getMessage());
    context.err().flush();
  }

  void failed(ExitException e) {
    printJson("failed", "error", e.getMessage());
  }

  /** One JSON line: time, site and status, then the given keys and values. */
  void printJson(String status, Object... more) {
    List<Object> fields =
        new ArrayList<>(
            List.of("time", Instant.now().toString(), "siteId", agent.siteId().toString()));
    fields.addAll(List.of("status", status));
    fields.addAll(Arrays.asList(more));
    context.out().println(Json.object(fields.toArray()).toJson());
    context.out().flush();
  }

  private static String shortChecksum(String checksum) {
    return checksum.length() > 12 ? checksum.substring(0, 12) + "…" : checksum;
  }
}
