package com.serviceradar.edge.cli;

import com.serviceradar.edge.names.InvalidSlugException;
import com.serviceradar.edge.names.SiteSlug;
import io.nats.client.support.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code provision}: one command from nothing to a connected site — create the site (or reuse the
 * one with that slug), download its bundle, verify it, install it, and wait until the control plane
 * reports the leaf connected.
 */
@Command(
    name = "provision",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the site (or reuses it by slug), downloads and verifies its bundle, installs it with"
          + " --install, then waits until the control plane reports the leaf connected.",
      "With --no-service start nats-server yourself; use --wait 0 to return at once."
    })
final class ProvisionCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ApiOptions api;

  @Option(names = "--name", required = true, description = "Display name, e.g. \"NYC Office\".")
  String name;

  @Option(names = "--slug", description = "Slug; generated from the name when absent.")
  String slug;

  @Option(names = "--install", description = "Install the bundle on this host (runs setup.sh).")
  boolean install;

  @Option(names = "--prefix", paramLabel = "DIR", description = "Install under DIR instead of /.")
  Path prefix;

  @Option(names = "--no-service", description = "Do not install or (re)start the systemd service.")
  boolean noService;

  @Option(names = "--local-listen", paramLabel = "HOST:PORT", description = "Leaf client listener.")
  String localListen;

  @Option(names = "--monitoring-port", paramLabel = "PORT", description = "Leaf monitoring port.")
  Integer monitoringPort;

  @Option(names = "--nats-leaf-url", description = "Where collectors reach the leaf.")
  String natsLeafUrl;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      description =
          "How long to wait for the connection, e.g. 60s, 2m, 0 (default 60s with --install, else 0).")
  String waitFor;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to save the bundle.")
  Path output;

  @Option(names = "--json", description = "Print the final site JSON.")
  boolean json;

  ProvisionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Duration wait =
        waitFor == null ? (install ? Duration.ofSeconds(60) : Duration.ZERO) : duration(waitFor);
    String wanted;
    try {
      wanted = slug != null ? SiteSlug.of(slug).value() : SiteSlug.fromName(name).value();
    } catch (InvalidSlugException e) {
      throw ExitException.usage(e.getMessage() + ": give --slug explicitly");
    }
    ApiClient client = api.client(context);
    Optional<JsonValue> existing =
        Json.array(client.get("/api/v1/edge-sites")).stream()
            .filter(site -> wanted.equals(Json.text(site, "slug", null)))
            .findFirst();
    JsonValue site;
    if (existing.isPresent()) {
      site = existing.get();
      say("Reusing site " + wanted + " (" + Json.text(site, "id", "") + ")");
    } else {
      site =
          client.post(
              "/api/v1/edge-sites",
              Json.object(
                  "name", name,
                  "slug", wanted,
                  "natsLeafUrl", natsLeafUrl,
                  "localListen", localListen,
                  "monitoringPort", monitoringPort));
      say("Created site " + wanted + " (" + Json.text(site, "id", "") + ")");
    }
    String id = Json.text(site, "id", null);
    Path bundle = BundleCommand.Download.download(client, id, output);
    say("Downloaded " + bundle);
    byte[] tarGz = BundleCommand.Verify.read(bundle);
    int checks = VerifiedInstall.verify(context, tarGz, "Bundle " + bundle);
    say("Verified " + bundle + " (" + checks + " checks)");
    if (install) {
      // Before setup.sh, which installs the sync timer when it finds the agent token.
      storeAgent(client, id);
      VerifiedInstall.install(context, tarGz, SetupOptions.of(prefix, noService));
      SiteAgent.recordInstalled(prefix, VerifiedInstall.checksum(tarGz));
    }
    if (!wait.isZero()) {
      say(
          "Waiting up to "
              + wait.toSeconds()
              + " s until the control plane reports the leaf connected ...");
      site = LeafConnection.awaitConnected(client, id, wait);
      say("Site " + wanted + " is connected.");
    }
    if (json) {
      context.out().println(client.get("/api/v1/edge-sites/" + id).toJson());
    }
    return 0;
  }

  /**
   * Gives this host a site agent token, so that {@code sync} keeps the installed configuration
   * current.
   */
  private void storeAgent(ApiClient client, String id) {
    JsonValue issued =
        client.post(
            "/api/v1/edge-sites/" + id + "/agent-tokens", Json.object("name", "provisioned host"));
    Path file =
        new SiteAgent(client.url(), UUID.fromString(id), Json.text(issued, "token", null), false)
            .save(prefix);
    say("Stored the site agent token for serviceradar-edge sync in " + file);
  }

  private void say(String line) {
    if (!json) {
      context.out().println(line);
      context.out().flush();
    }
  }

  static Duration duration(String text) {
    return duration("--wait", text);
  }

  /** As {@link #duration(String)}, also {@code 30d}; a usage error names {@code option}. */
  static Duration duration(String option, String text) {
    String value = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (value.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(value));
      }
      if (value.matches("\\d+[smhd]")) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
      throw ExitException.usage(
          option + " " + text + " is not a duration: give e.g. 60s, 2m, 30d or 0");
    }
  }
}
