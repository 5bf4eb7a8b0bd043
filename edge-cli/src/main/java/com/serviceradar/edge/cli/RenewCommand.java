package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.BundleArchive;
import com.serviceradar.edge.verify.InvalidBundleException;
import io.nats.client.support.JsonValue;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code renew}: replaces the installed leaf's certificates and creds before they expire, without a
 * window in which the leaf has no identity the hub accepts. A live leaf link keeps its user through
 * a reload and nats-server 2.9 cannot be told to reconnect (NATS-FACTS.md), so the order is: the
 * control plane issues a pending identity while the old one stays valid; the new files are
 * installed and nats-server reloaded (confirmed by {@code /varz}); the cut-over revokes the old
 * user, the hub closes the link, and the leaf reconnects with the new files; the control plane's
 * monitor seeing the new user connected completes the rotation. If that does not happen in time,
 * the rotation is rolled back on both sides: the old files and the old user work again.
 */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = {
      "Renews the installed leaf's certificates and creds when they expire within --within:"
          + " installs a new identity, reloads nats-server, cuts over and waits until the hub sees"
          + " the new leaf user; rolls back to the old files when it does not.",
      "Exit 0 renewed (or nothing to do), 1 failed and rolled back, 2 usage."
    })
final class RenewCommand implements Callable<Integer> {

  private static final Duration POLL = Duration.ofMillis(25);
  private static final Duration API_POLL = Duration.ofMillis(200);

  /**
   * How long a rolled-back leaf may take to reconnect with its old files: the hub must first get
   * the account JWT that lifts the old user's revocation, then the leaf retries every second.
   */
  static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);

  private final CliContext context;

  @Mixin ApiOptions api;

  @Option(
      names = "--within",
      paramLabel = "DURATION",
      defaultValue = "30d",
      description = "Renew when the identity expires within this (default: ${DEFAULT-VALUE}).")
  String within;

  @Mixin InstalledConfigOption config;

  @Option(names = "--force", description = "Renew even when the identity is not due.")
  boolean force;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "60s",
      description =
          "How long to wait for the hub to see the new leaf user before rolling back"
              + " (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--pid",
      paramLabel = "PID",
      description = "The leaf's nats-server process (default: the one running --config).")
  Long pid;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  RenewCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Duration window = ProvisionCommand.duration("--within", within);
    Duration wait = ProvisionCommand.duration("--timeout", timeout);
    LocalLeaf leaf = LocalLeaf.at(config.file);
    UUID siteId = leaf.siteId();
    Instant expiresAt = leaf.expiresAt();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("siteId", siteId.toString());
    result.put("expiresAt", expiresAt.toString());
    if (!force && expiresAt.isAfter(Instant.now().plus(window))) {
      result.put("outcome", "not-due");
      return finish(
          result,
          "Nothing to do: the leaf's identity is valid until "
              + day(expiresAt)
              + ", after the "
              + within
              + " window (--force renews anyway)");
    }
    ApiClient client = api.client(context);
    long serverPid = pid != null ? LocalLeaf.requireNatsServer(pid) : leaf.pid();
    leaf.varz();
    String rotate = "/api/v1/edge-sites/" + siteId + "/rotate";

    LocalLeaf.Backup backup = leaf.backup();
    JsonValue started;
    try {
      started = client.post(rotate, Json.object());
    } catch (ExitException e) {
      backup.discard();
      throw e;
    }
    JsonValue rotation = Json.at(started, "rotation");
    result.put("rotation", Json.text(rotation, "id", ""));
    result.put("oldLeafUser", Json.text(rotation, "oldLeafUser", ""));
    result.put("newLeafUser", Json.text(rotation, "newLeafUser", ""));
    progress(
        "Started rotation "
            + Json.text(rotation, "id", "")
            + " of site "
            + siteId
            + ": new leaf user "
            + Json.text(rotation, "newLeafUser", ""));

    Rollback rollback = new Rollback(client, leaf, backup, serverPid, rotate, result);
    try {
      leaf.install(files(Json.at(started, "files")));
      leaf.testConfig();
      leaf.reload(serverPid);
    } catch (ExitException e) {
      return rollback.before(e.getMessage());
    }
    progress("Installed the new identity; nats-server " + serverPid + " reloaded");

    try {
      client.post(rotate + "/cutover", Json.object());
    } catch (ExitException e) {
      return rollback.after("the cut-over failed: " + e.getMessage());
    }
    progress("Cut over: the old leaf user is revoked; waiting for the hub to see the new one");
    CutOver cutOver = awaitCompleted(client, leaf, rotate, wait);
    result.put("linkDownMillis", cutOver.linkDown() == null ? null : cutOver.linkDown().toMillis());
    if (!cutOver.completed()) {
      return rollback.after(
          "the control plane did not see the new leaf user connect within "
              + timeout
              + " (is its monitor connected to the hub?)");
    }
    // The old identity is revoked for good: its copies are of no use any more.
    backup.discard();
    settleConf(client, leaf, siteId, serverPid);
    Instant renewedUntil = leaf.expiresAt();
    result.put("outcome", "renewed");
    result.put("newExpiresAt", renewedUntil.toString());
    return finish(
        result,
        "Renewed: the hub sees the new leaf user, the old one is revoked; valid until "
            + day(renewedUntil)
            + (cutOver.linkDown() == null
                ? ""
                : " (upstream link down " + cutOver.linkDown().toMillis() + " ms)"));
  }

  /** Whether the rotation completed, and how long this host saw its upstream link down. */
  private record CutOver(boolean completed, Duration linkDown) {}

  /**
   * Polls the local {@code /leafz} closely (to time the link's gap) and the rotation's state until
   * the monitor completed it and the local link is back.
   */
  private CutOver awaitCompleted(ApiClient client, LocalLeaf leaf, String rotate, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    Instant downSince = null;
    Duration linkDown = null;
    boolean completed = false;
    Instant nextApiPoll = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      boolean up = leaf.upstreamLinks() > 0;
      Instant now = Instant.now();
      if (!up && downSince == null && linkDown == null) {
        downSince = now;
      } else if (up && downSince != null) {
        linkDown = Duration.between(downSince, now);
        downSince = null;
      }
      if (!completed && !now.isBefore(nextApiPoll)) {
        completed = isCompleted(client, rotate);
        nextApiPoll = now.plus(API_POLL);
      }
      if (completed && up) {
        return new CutOver(true, linkDown);
      }
      sleep(POLL);
    }
    return new CutOver(completed, linkDown);
  }

  /** A control plane that does not answer for a moment is asked again at the next poll. */
  private static boolean isCompleted(ApiClient client, String rotate) {
    try {
      return "completed".equals(Json.text(client.get(rotate), "state", ""));
    } catch (ExitException notNow) {
      return false;
    }
  }

  /**
   * The cut-over revoked the old user, which changed the tenant account JWT the leaf's conf
   * preloads: install the control plane's current conf so the leaf matches it ({@code doctor}'s
   * drift check).
   */
  private void settleConf(ApiClient client, LocalLeaf leaf, UUID siteId, long serverPid) {
    String conf;
    try {
      conf =
          BundleArchive.read(
                  client
                      .download("/api/v1/edge-sites/" + siteId + "/bundle", "bundle.tar.gz")
                      .content())
              .text("nats/nats-leaf.conf")
              .orElseThrow(() -> new InvalidBundleException("the bundle has no nats-leaf.conf"));
    } catch (InvalidBundleException e) {
      throw ExitException.failure(
          "renewed, but the site's current configuration is unreadable ("
              + e.getMessage()
              + "): run serviceradar-edge doctor --config "
              + leaf.configFile());
    }
    if (leaf.installConf(conf)) {
      leaf.testConfig();
      leaf.reload(serverPid);
    }
  }

  /** Undoes a renewal that did not complete, on the control plane and on this host. */
  private final class Rollback {
    private final ApiClient client;
    private final LocalLeaf leaf;
    private final LocalLeaf.Backup backup;
    private final long serverPid;
    private final String rotate;
    private final Map<String, Object> result;

    Rollback(
        ApiClient client,
        LocalLeaf leaf,
        LocalLeaf.Backup backup,
        long serverPid,
        String rotate,
        Map<String, Object> result) {
      this.client = client;
      this.leaf = leaf;
      this.backup = backup;
      this.serverPid = serverPid;
      this.rotate = rotate;
      this.result = result;
    }

    /**
     * Before the cut-over the old user is valid whatever the control plane says, so the old files
     * always go back.
     */
    int before(String reason) {
      progress("Rolling back: " + reason);
      String serverSide = rollBackOnControlPlane(reason).map(refusal -> "; " + refusal).orElse("");
      return restoreFiles(reason, serverSide);
    }

    /**
     * After the cut-over the old user works again only once the control plane has rolled back; if
     * it did not, the new files are the ones that can work, so they stay.
     */
    int after(String reason) {
      progress("Rolling back: " + reason);
      Optional<String> refusal = rollBackOnControlPlane(reason);
      if (refusal.isPresent()) {
        backup.discard();
        result.put("outcome", "unconfirmed");
        result.put("reason", reason);
        printJson();
        throw ExitException.failure(
            "renewal not confirmed: "
                + reason
                + "; "
                + refusal.get()
                + ". The new files stay installed (the old leaf user is revoked): see GET "
                + rotate
                + ", then run serviceradar-edge doctor --config "
                + leaf.configFile());
      }
      return restoreFiles(reason, "");
    }

    private Optional<String> rollBackOnControlPlane(String reason) {
      try {
        client.post(rotate + "/rollback", Json.object("reason", reason));
        return Optional.empty();
      } catch (ExitException e) {
        return Optional.of("the control plane did not roll back (" + e.getMessage() + ")");
      }
    }

    private int restoreFiles(String reason, String serverSide) {
      backup.restore();
      leaf.reload(serverPid);
      boolean reconnected = awaitLink(leaf, RECONNECT_WAIT);
      if (reconnected) {
        backup.discard();
      }
      result.put("outcome", "rolled-back");
      result.put("reason", reason);
      result.put("reconnected", reconnected);
      printJson();
      throw ExitException.failure(
          "renewal failed and was rolled back: "
              + reason
              + serverSide
              + ". The old files are installed again and "
              + (reconnected
                  ? "the leaf is connected with its old identity."
                  : "nats-server reloaded, but the leaf has not reconnected yet: run"
                      + " serviceradar-edge doctor --config "
                      + leaf.configFile()
                      + " (copies of the old files are kept as *"
                      + LocalLeaf.BACKUP_SUFFIX
                      + ")."));
    }

    private void printJson() {
      if (json) {
        context.out().println(Json.object(flatten(result)).toJson());
        context.out().flush();
      }
    }
  }

  private static boolean awaitLink(LocalLeaf leaf, Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    while (Instant.now().isBefore(deadline)) {
      if (leaf.upstreamLinks() > 0) {
        return true;
      }
      sleep(POLL);
    }
    return false;
  }

  private static Map<String, String> files(JsonValue files) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (files != null && files.map != null) {
      files.map.forEach((path, text) -> texts.put(path, text.string));
    }
    return texts;
  }

  private int finish(Map<String, Object> result, String message) {
    PrintWriter out = context.out();
    out.println(json ? Json.object(flatten(result)).toJson() : message);
    out.flush();
    return 0;
  }

  private void progress(String line) {
    if (!json) {
      context.out().println(line);
      context.out().flush();
    }
  }

  private static Object[] flatten(Map<String, Object> map) {
    Object[] keysAndValues = new Object[map.size() * 2];
    int i = 0;
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      keysAndValues[i++] = entry.getKey();
      keysAndValues[i++] = entry.getValue();
    }
    return keysAndValues;
  }

  private static String day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ExitException.failure("interrupted while renewing");
    }
  }
}
