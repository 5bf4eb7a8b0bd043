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
 * (NATS-FACTS.md, "Revocation"), so this is what makes a revocation reach the edge.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Compares the installed configuration with the control plane's current configChecksum; when"
          + " they differ, downloads, verifies and installs it, reloads nats-server (no restart)"
          + " and confirms the reload took (/varz config_load_time).",
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

  @Option(names = "--json", description = "Print each sync's outcome as one JSON line.")
  boolean json;

  SyncCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Duration pause = ProvisionCommand.duration("--interval", interval);
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
    if (!watch) {
      try {
        report(agent, sync.once());
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
        report(agent, sync.once());
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
