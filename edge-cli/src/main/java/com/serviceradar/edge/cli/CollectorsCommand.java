package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code collectors list|create|bundle}: the tenant's collector packages. */
@Command(
    name = "collectors",
    mixinStandardHelpOptions = true,
    description = "Lists and creates collector packages, and downloads their bundles.",
    subcommands = {
      CollectorsCommand.ListCollectors.class,
      CollectorsCommand.Create.class,
      CollectorsCommand.Bundle.class
    })
final class CollectorsCommand implements Runnable {

  @Override
  public void run() {
    throw ExitException.usage("collectors needs a subcommand: list, create, bundle");
  }

  /** One line per package: id, type, name, status and the URL its bundle names. */
  static String line(JsonValue collector) {
    return String.format(
        "%-36s  %-9s  %-20s  %-8s  %s",
        Json.text(collector, "id", ""),
        Json.text(collector, "collectorType", ""),
        Json.text(collector, "name", ""),
        Json.text(collector, "status", ""),
        Json.text(collector, "natsUrl", "(site has no natsLeafUrl)"));
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the collector packages, of one site with --site.")
  static final class ListCollectors implements Callable<Integer> {
    private final CliContext context;

    @Mixin ApiOptions api;

    @Option(names = "--site", paramLabel = "SITE", description = "Only this site's (id or slug).")
    String site;

    @Option(names = "--json", description = "Print the JSON.")
    boolean json;

    ListCollectors(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ApiClient client = api.client(context);
      String path = "/api/v1/collector-packages";
      if (site != null) {
        path += "?edgeSiteId=" + siteId(client, site);
      }
      JsonValue collectors = client.get(path);
      if (json) {
        context.out().println(collectors.toJson());
      } else {
        List<JsonValue> all = Json.array(collectors);
        all.forEach(collector -> context.out().println(line(collector)));
        if (all.isEmpty()) {
          context.out().println("No collector packages.");
        }
      }
      return 0;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Creates a collector package: its own NATS user and certificate; at a site, its bundle"
              + " points at the site's leaf, else at the SaaS.")
  static final class Create implements Callable<Integer> {
    private final CliContext context;

    @Mixin ApiOptions api;

    @Option(names = "--type", required = true, description = "flowgger, trapd, netflow or otel.")
    String type;

    @Option(names = "--site", paramLabel = "SITE", description = "The edge site (id or slug).")
    String site;

    @Option(names = "--name", description = "Name; {type}-{id8} when absent.")
    String name;

    @Option(names = "--json", description = "Print the JSON.")
    boolean json;

    Create(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      ApiClient client = api.client(context);
      JsonValue created =
          client.post(
              "/api/v1/collector-packages",
              Json.object(
                  "collectorType",
                  type,
                  "edgeSiteId",
                  site == null ? null : siteId(client, site),
                  "name",
                  name));
      context.out().println(json ? created.toJson() : line(created));
      return 0;
    }
  }

  @Command(
      name = "bundle",
      mixinStandardHelpOptions = true,
      description = "Saves collector-package-<id>.tar.gz (or FILE): creds, certificates, config.")
  static final class Bundle implements Callable<Integer> {
    private final CliContext context;

    @Mixin ApiOptions api;

    @Parameters(paramLabel = "ID", description = "Collector package id.")
    String id;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Where to save it.")
    Path output;

    Bundle(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (!ApiClient.isUuid(id)) {
        throw ExitException.usage("ID must be a collector package id (see `collectors list`)");
      }
      ApiClient.Download bundle =
          api.client(context)
              .download(
                  "/api/v1/collector-packages/" + id + "/bundle",
                  "collector-package-" + id + ".tar.gz");
      context.out().println("Saved " + BundleCommand.Download.save(bundle, output));
      return 0;
    }
  }

  private static String siteId(ApiClient client, String idOrSlug) {
    return ApiClient.isUuid(idOrSlug) ? idOrSlug : Json.text(client.site(idOrSlug), "id", idOrSlug);
  }
}
