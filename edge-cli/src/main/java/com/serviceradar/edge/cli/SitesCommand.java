package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sites list|create|show|update|delete|regenerate}: the tenant's edge sites. */
@Command(
    name = "sites",
    mixinStandardHelpOptions = true,
    description = "Lists, creates, shows, updates, deletes and regenerates edge sites.",
    subcommands = {
      SitesCommand.ListSites.class,
      SitesCommand.Create.class,
      SitesCommand.Show.class,
      SitesCommand.Update.class,
      SitesCommand.Delete.class,
      SitesCommand.Regenerate.class
    })
final class SitesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw ExitException.usage(
        "sites needs a subcommand: list, create, show, update, delete, regenerate");
  }

  /** What every sites subcommand shares: the API and {@code --json}. */
  abstract static class SiteCommand implements Callable<Integer> {
    final CliContext context;

    @Mixin ApiOptions api;

    @Option(names = "--json", description = "Print the site JSON.")
    boolean json;

    SiteCommand(CliContext context) {
      this.context = context;
    }

    int printSite(JsonValue site) {
      if (json) {
        context.out().println(site.toJson());
      } else {
        SiteText.details(site, context.out());
      }
      return 0;
    }

    String siteId(ApiClient client, String idOrSlug) {
      return Json.text(client.site(idOrSlug), "id", idOrSlug);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the sites.")
  static final class ListSites extends SiteCommand {
    ListSites(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      JsonValue sites = api.client(context).get("/api/v1/edge-sites");
      if (json) {
        context.out().println(sites.toJson());
      } else {
        SiteText.table(Json.array(sites), context.out());
      }
      return 0;
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Registers a site; its leaf identity and bundle are made at once.")
  static final class Create extends SiteCommand {
    @Option(names = "--name", required = true, description = "Display name, e.g. \"NYC Office\".")
    String name;

    @Option(names = "--slug", description = "Slug; generated from the name when absent.")
    String slug;

    @Option(names = "--nats-leaf-url", description = "Where collectors reach the leaf.")
    String natsLeafUrl;

    @Option(names = "--local-listen", description = "Leaf client listener HOST:PORT.")
    String localListen;

    @Option(names = "--monitoring-port", description = "Leaf monitoring port on 127.0.0.1.")
    Integer monitoringPort;

    Create(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      return printSite(
          api.client(context)
              .post(
                  "/api/v1/edge-sites",
                  Json.object(
                      "name", name,
                      "slug", slug,
                      "natsLeafUrl", natsLeafUrl,
                      "localListen", localListen,
                      "monitoringPort", monitoringPort)));
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one site.")
  static final class Show extends SiteCommand {
    @Parameters(paramLabel = "SITE", description = "Site id or slug.")
    String site;

    Show(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      return printSite(api.client(context).site(site));
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = "Renames a site or changes its collector URL (the slug never changes).")
  static final class Update extends SiteCommand {
    @Parameters(paramLabel = "SITE", description = "Site id or slug.")
    String site;

    @Option(names = "--name", description = "New display name.")
    String name;

    @Option(names = "--nats-leaf-url", description = "New collector URL; \"\" clears it.")
    String natsLeafUrl;

    Update(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      if (name == null && natsLeafUrl == null) {
        throw ExitException.usage("update needs --name or --nats-leaf-url");
      }
      ApiClient client = api.client(context);
      JsonValue body =
          natsLeafUrl != null && natsLeafUrl.isEmpty()
              ? withNull(Json.object("name", name), "natsLeafUrl")
              : Json.object("name", name, "natsLeafUrl", natsLeafUrl);
      return printSite(client.patch("/api/v1/edge-sites/" + siteId(client, site), body));
    }

    private static JsonValue withNull(JsonValue object, String key) {
      Map<String, JsonValue> map = new LinkedHashMap<>(object.map);
      map.put(key, JsonValue.NULL);
      return new JsonValue(map);
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a site.")
  static final class Delete extends SiteCommand {
    @Parameters(paramLabel = "SITE", description = "Site id or slug.")
    String site;

    Delete(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      ApiClient client = api.client(context);
      String id = siteId(client, site);
      client.delete("/api/v1/edge-sites/" + id);
      context.out().println(json ? Json.object("deleted", id).toJson() : "Deleted site " + id);
      return 0;
    }
  }

  @Command(
      name = "regenerate",
      mixinStandardHelpOptions = true,
      description =
          "Issues new certificates and a new leaf user (the old one is revoked); download and"
              + " install the bundle again after.")
  static final class Regenerate extends SiteCommand {
    @Parameters(paramLabel = "SITE", description = "Site id or slug.")
    String site;

    Regenerate(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      ApiClient client = api.client(context);
      return printSite(
          client.post(
              "/api/v1/edge-sites/" + siteId(client, site) + "/regenerate", JsonValue.EMPTY_MAP));
    }
  }
}
