package com.serviceradar.edge.cli;

import io.nats.client.support.JsonValue;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code status}: the tenant's sites and their state; {@code --watch} follows the changes. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows every site with its status (pending|active|offline) and leaf status.",
      "--watch then prints each change from the control plane's event stream until interrupted."
    })
final class StatusCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ApiOptions api;

  @Option(names = "--watch", description = "Follow changes until interrupted (Ctrl-C).")
  boolean watch;

  @Option(names = "--json", description = "JSON: the site list, then one site JSON per line.")
  boolean json;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ApiClient client = api.client(context);
    JsonValue sites = client.get("/api/v1/edge-sites");
    if (json) {
      context.out().println(sites.toJson());
    } else {
      SiteText.table(Json.array(sites), context.out());
    }
    context.out().flush();
    if (watch) {
      client.stream("/api/v1/edge-sites/stream", "site", this::printChange);
    }
    return 0;
  }

  private void printChange(JsonValue site) {
    if (json) {
      context.out().println(site.toJson());
    } else {
      context
          .out()
          .println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "  " + SiteText.line(site));
    }
    context.out().flush();
  }
}
