package com.serviceradar.edge.cli;

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
   * What the check found; {@code renewed} is present when it renewed.
   *
   * @param expiresAt when the identity installed before the check expires
   */
  record Outcome(Instant expiresAt, Optional<Renewal> renewed) {}

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
      return new Outcome(expiresAt, Optional.empty());
    }
    long serverPid = leaf.pid();
    leaf.varz();
    progress.accept(
        "The leaf's identity expires at " + expiresAt + ", within " + window.toDays() + " days");
    Optional<HostKeys> newKeys =
        agent.hostKeys() ? Optional.of(HostKeys.generate(new SecureRandom())) : Optional.empty();
    LeafRenewal.Renewed renewed =
        new LeafRenewal(agent.client(), leaf, serverPid, progress, new LinkedHashMap<>())
            .renew(agent.siteId(), CONFIRM_WAIT, newKeys);
    return new Outcome(expiresAt, Optional.of(new Renewal(renewed, leaf.expiresAt())));
  }
}
