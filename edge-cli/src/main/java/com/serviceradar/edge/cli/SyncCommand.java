package com.serviceradar.edge.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sync}: keeps the site's installed configuration current without a person, with the site
 * agent token that {@code enroll} or {@code provision --install} stored. An operator-mode leaf
 * keeps accepting a revoked collector until its preloaded tenant account JWT is updated
 * (NATS-FACTS.md, "Revocation"), so this is what makes a revocation reach the edge. It also renews
 * the leaf's identity when it expires within {@code --renew-within} ({@link SiteRenewal}), then
 * installs the configuration the renewal changed: the timer that runs it is the hands-off renewal.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the installed configuration with the control plane's current configChecksum; when"
          + " they differ, downloads, verifies and installs it, reloads nats-server (no restart)"
          + " and confirms the reload took (/varz config_load_time).",
      "Renews the leaf's certificates and creds when they expire within --renew-within, through"
          + " the same rotation as renew (rolled back when the hub does not see the new leaf user).",
      "Reads the site agent token from <prefix>/etc/serviceradar-edge/agent.json.",
      "With --wait-connected, then waits until the control plane reports the leaf connected.",
      "Exit code: 0 current or updated, 1 failed, 2 usage (with --watch it runs until stopped)."
    })
final class SyncCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--watch", description = "Sync again every --interval until stopped.")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "Time between syncs with --watch, e.g. 60s, 5m (default 60s).")
  String interval;

  @Option(
      names = "--prefix",
      paramLabel = "DIR",
      description = "The --prefix the site was installed under (default /).")
  Path prefix;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The installed nats-leaf.conf (default <prefix>/etc/nats/nats-leaf.conf).")
  Path config;

  @Option(
      names = "--wait-connected",
      paramLabel = "DURATION",
      description =
          "After the sync, wait up to DURATION (e.g. 2m) until the control plane reports the leaf"
              + " connected; exit 1 if it does not. Not with --watch.")
  String waitConnected;

  @Option(
      names = "--renew-within",
      paramLabel = "DURATION",
      defaultValue = "30d",
      description =
          "Renew the leaf's identity when it expires within this (default: ${DEFAULT-VALUE}).")
  String renewWithin;

  @Option(names = "--json", description = "Print each sync's outcome as one JSON line.")
  boolean json;

  SyncCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Duration pause = ProvisionCommand.duration("--interval", interval);
    Duration renewWindow = ProvisionCommand.duration("--renew-within", renewWithin);
    if (watch && pause.isZero()) {
      throw ExitException.usage("--interval must be longer than 0 with --watch");
    }
    if (watch && waitConnected != null) {
      throw ExitException.usage("--wait-connected waits after one sync: leave out --watch");
    }
    SiteAgent agent = SiteAgent.load(prefix);
    Path confFile =
        config != null
            ? config.toAbsolutePath()
            : SiteAgent.directory(prefix).resolveSibling("nats/nats-leaf.conf");
    // setup.sh's progress goes to stderr with --json, so stdout holds only the JSON lines.
    CliContext installOutput = json ? context.progressOnErr() : context;
    SiteSync sync = new SiteSync(installOutput, agent, prefix, confFile);
    SiteRenewal renewal =
        new SiteRenewal(
            agent,
            confFile,
            renewWindow,
            line -> {
              installOutput.out().println(line);
              installOutput.out().flush();
            });
    if (!watch) {
      try {
        round(agent, sync, renewal);
        if (waitConnected != null) {
          awaitConnected(agent, ProvisionCommand.duration("--wait-connected", waitConnected));
        }
      } catch (ExitException e) {
        if (json) {
          printFailure(agent, e);
        }
        throw e;
      }
      return 0;
    }
    while (!Thread.currentThread().isInterrupted()) {
      try {
        round(agent, sync, renewal);
      } catch (ExitException e) {
        if (e.exitCode() == ExitException.USAGE || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        reportFailure(agent, e);
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }

  /**
   * Installs the current configuration, then renews the identity when due and installs the
   * configuration the renewal changed (new certificates, the old user's revocation).
   */
  private void round(SiteAgent agent, SiteSync sync, SiteRenewal renewal) {
    report(agent, sync.once());
    SiteRenewal.Outcome checked = renewal.ifDue();
    checked.postponed().ifPresent(why -> reportPostponed(agent, checked.expiresAt(), why));
    if (checked.renewed().isPresent()) {
      reportRenewed(agent, checked.renewed().get());
      report(agent, sync.once());
    }
  }

  private void reportPostponed(SiteAgent agent, Instant expiresAt, String why) {
    if (json) {
      printJson(agent, "renewal-postponed", "expiresAt", expiresAt.toString(), "reason", why);
    } else {
      context
          .out()
          .println(
              "The leaf's identity expires at " + expiresAt + "; renewal postponed: " + why + ".");
    }
    context.out().flush();
  }

  private void reportRenewed(SiteAgent agent, SiteRenewal.Renewal renewal) {
    if (json) {
      printJson(
          agent,
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

  private void report(SiteAgent agent, SiteSync.Outcome outcome) {
    if (json) {
      printJson(
          agent,
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
                  + outcome.previousChecksum().map(SyncCommand::shortChecksum).orElse("none")
                  + ") and reloaded nats-server "
                  + reloaded.pid()
                  + " (config_load_time "
                  + reloaded.configLoadTime()
                  + ").");
    }
    context.out().flush();
  }

  private void awaitConnected(SiteAgent agent, Duration wait) {
    if (!json) {
      context
          .out()
          .println(
              "Waiting up to "
                  + wait.toSeconds()
                  + " s until the control plane reports the leaf connected ...");
      context.out().flush();
    }
    LeafConnection.awaitConnected(agent.client(), agent.siteId().toString(), wait);
    if (json) {
      printJson(agent, "connected");
    } else {
      context.out().println("The control plane reports site " + agent.siteId() + " connected.");
    }
    context.out().flush();
  }

  /** In --watch a failure is reported and the next interval tries again. */
  private void reportFailure(SiteAgent agent, ExitException e) {
    if (json) {
      printFailure(agent, e);
    }
    context.err().println("serviceradar-edge: sync failed: " + e.getMessage());
    context.err().flush();
  }

  private void printFailure(SiteAgent agent, ExitException e) {
    printJson(agent, "failed", "error", e.getMessage());
  }

  /** One JSON line: time, site and status, then the given keys and values. */
  private void printJson(SiteAgent agent, String status, Object... more) {
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
