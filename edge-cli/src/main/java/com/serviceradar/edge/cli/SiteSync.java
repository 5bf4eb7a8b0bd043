package com.serviceradar.edge.cli;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.names.EdgeSiteNames;
import io.nats.client.support.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One sync of an edge host's leaf: compare the checksum installed last with the site's current
 * {@code configChecksum}; when they differ, fetch the configuration, verify it, install it with its
 * setup.sh (which tests it with {@code nats-server -t} before touching anything), reload the
 * running leaf and confirm the reload, then report the new checksum to the control plane.
 */
final class SiteSync {

  private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(10);

  enum Status {
    CURRENT,
    UPDATED
  }

  /** What one sync did; {@code reloaded} is empty when the configuration was already current. */
  record Outcome(
      Status status,
      String configChecksum,
      Optional<String> previousChecksum,
      Optional<LeafReload.Reloaded> reloaded) {}

  private final CliContext context;
  private final SiteAgent agent;
  private final ApiClient client;
  private final Path prefix;
  private final Path confFile;

  SiteSync(CliContext context, SiteAgent agent, Path prefix, Path confFile) {
    this.context = context;
    this.agent = agent;
    this.client = agent.client();
    this.prefix = prefix;
    this.confFile = confFile;
  }

  Outcome once() {
    String sitePath = "/api/v1/edge-sites/" + agent.siteId();
    String current = Json.text(client.get(sitePath), "leafServer.configChecksum", null);
    Optional<String> installed = SiteAgent.installedChecksum(prefix);
    if (current != null && installed.filter(current::equals).isPresent()) {
      return new Outcome(Status.CURRENT, current, installed, Optional.empty());
    }
    Fetched fetched = agent.hostKeys() ? fetchHostKeyed(sitePath) : fetchBundle(sitePath);
    VerifiedInstall.verify(context, fetched.tarGz(), "The site's new configuration");
    VerifiedInstall.install(context, fetched.tarGz(), SetupOptions.of(prefix, true));
    LeafReload.Reloaded reloaded = LeafReload.reload(confFile, RELOAD_TIMEOUT);
    SiteAgent.recordInstalled(prefix, fetched.checksum());
    client.post(sitePath + "/synced", Json.object("configChecksum", fetched.checksum()));
    return new Outcome(Status.UPDATED, fetched.checksum(), installed, Optional.of(reloaded));
  }

  private record Fetched(byte[] tarGz, String checksum) {}

  private Fetched fetchBundle(String sitePath) {
    byte[] tarGz =
        client
            .download(sitePath + "/bundle", EdgeSiteNames.bundleArchive(agent.siteId()))
            .content();
    return new Fetched(tarGz, VerifiedInstall.checksum(tarGz));
  }

  /**
   * The configuration without keys, completed with the keys installed on this host: they never
   * leave it, so a new user JWT becomes new creds with the same seed.
   */
  private Fetched fetchHostKeyed(String sitePath) {
    JsonValue config = client.get(sitePath + "/host-config");
    Bundle bundle = HostKeys.installed(confFile.getParent()).assemble(config);
    return new Fetched(bundle.toTarGz(), Json.text(config, "configChecksum", bundle.checksum()));
  }
}
