package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The renewal {@code sync} does by itself, with the site agent's token: when the installed leaf's
 * identity expires within the window, it is renewed through the rotation protocol ({@link
 * LeafRenewal}). A host that enrolled with its own keys makes new ones for it here; only their CSR
 * and public nkey go to the control plane.
 */
final class SiteRenewal {

  /** How long the hub may take to see the new leaf user before the renewal is rolled back. */
  static final Duration CONFIRM_WAIT = Duration.ofSeconds(60);

  /**
   * What the check found: {@code renewed} when it renewed, {@code postponed} (why) when a due
   * renewal waits ({@link RenewalAttempt}), neither when none is due.
   *
   * @param expiresAt when the identity installed before the check expires
   */
  record Outcome(Instant expiresAt, Optional<Renewal> renewed, Optional<String> postponed) {}

  /** A renewal that completed: the users it switched between and the new identity's expiry. */
  record Renewal(LeafRenewal.Renewed users, Instant expiresAt) {}

  private final SiteAgent agent;
  private final Path confFile;
  private final Duration window;
  private final Consumer<String> progress;

  SiteRenewal(SiteAgent agent, Path confFile, Duration window, Consumer<String> progress) {
    this.agent = agent;
    this.confFile = confFile;
    this.window = window;
    this.progress = progress;
  }

  /**
   * Renews when due.
   *
   * @throws ExitException when a due renewal failed (rolled back, or not confirmed)
   */
  Outcome ifDue() {
    LocalLeaf leaf = LocalLeaf.at(confFile);
    Instant expiresAt = leaf.expiresAt();
    if (expiresAt.isAfter(Instant.now().plus(window))) {
      return new Outcome(expiresAt, Optional.empty(), Optional.empty());
    }
    long serverPid = leaf.pid();
    leaf.varz();
    ApiClient client = agent.client();
    String rotate = "/api/v1/edge-sites/" + agent.siteId() + "/rotate";
    Optional<JsonValue> latest = latestRotation(client, rotate);
    switch (RenewalAttempt.judge(latest, Instant.now())) {
      case IN_PROGRESS -> {
        return postponed(expiresAt, "a renewal of this site is " + state(latest) + " already");
      }
      case BACKING_OFF -> {
        return postponed(
            expiresAt,
            "the last renewal was rolled back at "
                + Json.text(latest.orElseThrow(), "finishedAt", "?")
                + " ("
                + Json.text(latest.orElseThrow(), "finishReason", "")
                + "); the next try is "
                + RenewalAttempt.RETRY_AFTER.toHours()
                + " hours after that");
      }
      case RENEWED_RECENTLY -> {
        return postponed(
            expiresAt,
            "the leaf was renewed at "
                + Json.text(latest.orElseThrow(), "finishedAt", "?")
                + " and is renewed at most once a day (its certificates live less than the "
                + "renewal window: see EDGE_LEAF_CERT_VALIDITY)");
      }
      case ABANDONED -> {
        client.post(
            rotate + "/rollback",
            Json.object(
                "reason", "the renewal stopped before its cut-over; its agent rolled it back"));
        if (leaf.restoreLeftoverBackup()) {
          leaf.reload(serverPid);
        }
        return postponed(
            expiresAt,
            "rolled back a renewal that stopped before its cut-over; the next try is in "
                + RenewalAttempt.RETRY_AFTER.toHours()
                + " hours");
      }
      case START -> {
        // renew below
      }
    }
    progress.accept(
        "The leaf's identity expires at " + expiresAt + ", within " + window.toDays() + " days");
    Optional<HostKeys> newKeys =
        agent.hostKeys() ? Optional.of(HostKeys.generate(new SecureRandom())) : Optional.empty();
    LeafRenewal.Renewed renewed =
        new LeafRenewal(client, leaf, serverPid, progress, new LinkedHashMap<>())
            .renew(agent.siteId(), CONFIRM_WAIT, newKeys);
    return new Outcome(
        expiresAt, Optional.of(new Renewal(renewed, leaf.expiresAt())), Optional.empty());
  }

  private static Optional<JsonValue> latestRotation(ApiClient client, String rotate) {
    try {
      return Optional.of(client.get(rotate));
    } catch (ExitException e) {
      if (e.isRefusal(404)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String state(Optional<JsonValue> rotation) {
    return rotation.map(r -> Json.text(r, "state", "")).orElse("").replace('_', ' ');
  }

  private static Outcome postponed(Instant expiresAt, String why) {
    return new Outcome(expiresAt, Optional.empty(), Optional.of(why));
  }
}
