package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.BundleArchive;
import com.serviceradar.edge.verify.InvalidBundleException;
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
 * window in which the leaf has no identity the hub accepts ({@link LeafRenewal}), with a tenant
 * admin's login. The site's own agent renews the same way by itself: see {@code sync}.
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
    LeafRenewal.Renewed renewed;
    try {
      renewed =
          new LeafRenewal(client, leaf, serverPid, this::progress, result)
              .renew(siteId, wait, Optional.empty());
    } catch (ExitException e) {
      if (json && result.containsKey("outcome")) {
        context.out().println(Json.object(flatten(result)).toJson());
        context.out().flush();
      }
      throw e;
    }
    settleConf(client, leaf, siteId, serverPid);
    Instant renewedUntil = leaf.expiresAt();
    result.put("outcome", "renewed");
    result.put("newExpiresAt", renewedUntil.toString());
    return finish(
        result,
        "Renewed: the hub sees the new leaf user, the old one is revoked; valid until "
            + day(renewedUntil)
            + (renewed.linkDown() == null
                ? ""
                : " (upstream link down " + renewed.linkDown().toMillis() + " ms)"));
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
}
