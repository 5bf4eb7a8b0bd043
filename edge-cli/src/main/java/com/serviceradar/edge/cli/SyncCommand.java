package com.serviceradar.edge.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
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
      "With --watch (the site agent), also syncs within seconds of a change notice, which the"
          + " control plane publishes when the tenant's account changes (a collector revoked) and"
          + " the agent hears at its own leaf with notice-only creds (<prefix>/etc/"
          + "serviceradar-edge/notice.creds).",
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
      names = "--notice-spread",
      paramLabel = "DURATION",
      defaultValue = "2s",
      description =
          "With --watch, sync at a random moment within this after a change notice (default"
              + " ${DEFAULT-VALUE}), so a tenant's sites do not all sync in the same instant.")
  String noticeSpread;

  @Option(
      names = "--no-notices",
      description =
          "With --watch, do not listen for the control plane's change notices at the leaf: sync"
              + " every --interval only.")
  boolean noNotices;

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
    SyncReport report = new SyncReport(context, agent, json);
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
        round(report, sync, renewal);
        if (waitConnected != null) {
          awaitConnected(
              agent, report, ProvisionCommand.duration("--wait-connected", waitConnected));
        }
      } catch (ExitException e) {
        if (json) {
          report.failed(e);
        }
        throw e;
      }
      return 0;
    }
    SyncSchedule schedule =
        new SyncSchedule(
            pause,
            ProvisionCommand.duration("--notice-spread", noticeSpread),
            new SplittableRandom());
    try (ChangeNotices notices =
        noNotices
            ? null
            : new ChangeNotices(
                agent,
                prefix,
                confFile,
                () -> {
                  report.notice();
                  schedule.noticed();
                },
                report::notices)) {
      watch(report, sync, renewal, schedule, notices);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Syncs until interrupted: every interval, and soon after each change notice. */
  private void watch(
      SyncReport report,
      SiteSync sync,
      SiteRenewal renewal,
      SyncSchedule schedule,
      ChangeNotices notices) {
    while (!Thread.currentThread().isInterrupted()) {
      if (notices != null) {
        notices.ensureListening();
      }
      try {
        round(report, sync, renewal);
      } catch (ExitException e) {
        if (e.exitCode() == ExitException.USAGE || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        report.failedThisRound(e);
      }
      try {
        schedule.awaitNext();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Installs the current configuration, then renews the identity when due and installs the
   * configuration the renewal changed (new certificates, the old user's revocation).
   */
  private void round(SyncReport report, SiteSync sync, SiteRenewal renewal) {
    report.synced(sync.once());
    SiteRenewal.Outcome checked = renewal.ifDue();
    checked.postponed().ifPresent(why -> report.postponed(checked.expiresAt(), why));
    if (checked.renewed().isPresent()) {
      report.renewed(checked.renewed().get());
      report.synced(sync.once());
    }
  }

  private void awaitConnected(SiteAgent agent, SyncReport report, Duration wait) {
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
      report.printJson("connected");
    } else {
      context.out().println("The control plane reports site " + agent.siteId() + " connected.");
    }
    context.out().flush();
  }
}
