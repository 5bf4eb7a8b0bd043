package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The renewal protocol as an edge host runs it, for {@code renew} and for {@code sync}'s hands-off
 * renewal. A live leaf link keeps its user through a reload and nats-server 2.9 cannot be told to
 * reconnect (NATS-FACTS.md), so the order is: the control plane issues a pending identity while the
 * old one stays valid; the new files are installed and nats-server reloaded (confirmed by {@code
 * /varz}); the cut-over revokes the old user, the hub closes the link, and the leaf reconnects with
 * the new files; the control plane's monitor seeing the new user connected completes the rotation.
 * If that does not happen in time, the rotation is rolled back on both sides: the old files and the
 * old user work again.
 */
final class LeafRenewal {

  private static final Duration POLL = Duration.ofMillis(25);
  private static final Duration API_POLL = Duration.ofMillis(200);

  /**
   * How long a rolled-back leaf may take to reconnect with its old files: the hub must first get
   * the account JWT that lifts the old user's revocation, then the leaf retries every second.
   */
  static final Duration RECONNECT_WAIT = Duration.ofSeconds(30);

  /** A completed renewal; {@code linkDown} is how long this host saw its upstream link down. */
  record Renewed(String oldLeafUser, String newLeafUser, Duration linkDown) {}

  private final ApiClient client;
  private final LocalLeaf leaf;
  private final long serverPid;
  private final Consumer<String> progress;
  private final Map<String, Object> result;

  /**
   * @param result filled as the renewal goes (rotation, users, outcome, reason), for {@code --json}
   *     output whether it succeeds or not
   */
  LeafRenewal(
      ApiClient client,
      LocalLeaf leaf,
      long serverPid,
      Consumer<String> progress,
      Map<String, Object> result) {
    this.client = client;
    this.leaf = leaf;
    this.serverPid = serverPid;
    this.progress = progress;
    this.result = result;
  }

  /**
   * Renews the leaf's identity, with {@code newKeys} made on this host for a site whose host holds
   * its keys (the control plane then sees only their CSR and public nkey).
   *
   * @param wait how long the hub may take to see the new leaf user before this rolls back
   * @throws ExitException a failure, after rolling back; {@code result} says how it ended
   */
  Renewed renew(UUID siteId, Duration wait, Optional<HostKeys> newKeys) {
    String rotate = "/api/v1/edge-sites/" + siteId + "/rotate";
    LocalLeaf.Backup backup = leaf.backup();
    JsonValue started;
    try {
      started =
          client.post(
              rotate,
              newKeys
                  .map(
                      keys ->
                          Json.object(
                              "csr",
                              keys.certificateRequestPem(),
                              "natsPublicKey",
                              keys.natsPublicKey()))
                  .orElseGet(Json::object));
    } catch (ExitException e) {
      backup.discard();
      throw e;
    }
    JsonValue rotation = Json.at(started, "rotation");
    String oldUser = Json.text(rotation, "oldLeafUser", "");
    String newUser = Json.text(rotation, "newLeafUser", "");
    result.put("rotation", Json.text(rotation, "id", ""));
    result.put("oldLeafUser", oldUser);
    result.put("newLeafUser", newUser);
    progress.accept(
        "Started rotation "
            + Json.text(rotation, "id", "")
            + " of site "
            + siteId
            + ": new leaf user "
            + newUser);

    Rollback rollback = new Rollback(backup, rotate);
    try {
      leaf.install(newKeys.map(keys -> keys.renewalFiles(started)).orElseGet(() -> files(started)));
      leaf.testConfig();
      leaf.reload(serverPid);
    } catch (ExitException e) {
      throw rollback.before(e.getMessage());
    }
    progress.accept("Installed the new identity; nats-server " + serverPid + " reloaded");

    try {
      client.post(rotate + "/cutover", Json.object());
    } catch (ExitException e) {
      throw rollback.after("the cut-over failed: " + e.getMessage());
    }
    progress.accept(
        "Cut over: the old leaf user is revoked; waiting for the hub to see the new one");
    CutOver cutOver = awaitCompleted(rotate, wait);
    result.put("linkDownMillis", cutOver.linkDown() == null ? null : cutOver.linkDown().toMillis());
    if (!cutOver.completed()) {
      throw rollback.after(
          "the control plane did not see the new leaf user connect within "
              + wait.toSeconds()
              + "s"
              + " (is its monitor connected to the hub?)");
    }
    // The old identity is revoked for good: its copies are of no use any more.
    backup.discard();
    return new Renewed(oldUser, newUser, cutOver.linkDown());
  }

  /** Whether the rotation completed, and how long this host saw its upstream link down. */
  private record CutOver(boolean completed, Duration linkDown) {}

  /**
   * Polls the local {@code /leafz} closely (to time the link's gap) and the rotation's state until
   * the monitor completed it and the local link is back.
   */
  private CutOver awaitCompleted(String rotate, Duration wait) {
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
        completed = isCompleted(rotate);
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
  private boolean isCompleted(String rotate) {
    try {
      return "completed".equals(Json.text(client.get(rotate), "state", ""));
    } catch (ExitException notNow) {
      return false;
    }
  }

  /** Undoes a renewal that did not complete, on the control plane and on this host. */
  private final class Rollback {
    private final LocalLeaf.Backup backup;
    private final String rotate;

    Rollback(LocalLeaf.Backup backup, String rotate) {
      this.backup = backup;
      this.rotate = rotate;
    }

    /**
     * Before the cut-over the old user is valid whatever the control plane says, so the old files
     * always go back.
     */
    ExitException before(String reason) {
      progress.accept("Rolling back: " + reason);
      String serverSide = rollBackOnControlPlane(reason).map(refusal -> "; " + refusal).orElse("");
      return restoreFiles(reason, serverSide);
    }

    /**
     * After the cut-over the old user works again only once the control plane has rolled back; if
     * it did not, the new files are the ones that can work, so they stay.
     */
    ExitException after(String reason) {
      progress.accept("Rolling back: " + reason);
      Optional<String> refusal = rollBackOnControlPlane(reason);
      if (refusal.isPresent()) {
        backup.discard();
        result.put("outcome", "unconfirmed");
        result.put("reason", reason);
        return ExitException.failure(
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

    private ExitException restoreFiles(String reason, String serverSide) {
      backup.restore();
      leaf.reload(serverPid);
      boolean reconnected = awaitLink(RECONNECT_WAIT);
      if (reconnected) {
        backup.discard();
      }
      result.put("outcome", "rolled-back");
      result.put("reason", reason);
      result.put("reconnected", reconnected);
      return ExitException.failure(
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
  }

  private boolean awaitLink(Duration wait) {
    Instant deadline = Instant.now().plus(wait);
    while (Instant.now().isBefore(deadline)) {
      if (leaf.upstreamLinks() > 0) {
        return true;
      }
      sleep(POLL);
    }
    return false;
  }

  private static Map<String, String> files(JsonValue started) {
    Map<String, String> texts = new LinkedHashMap<>();
    JsonValue files = Json.at(started, "files");
    if (files != null && files.map != null) {
      files.map.forEach((path, text) -> texts.put(path, text.string));
    }
    return texts;
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
