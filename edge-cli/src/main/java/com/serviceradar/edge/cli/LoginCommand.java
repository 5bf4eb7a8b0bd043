package com.serviceradar.edge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code login}: checks the token against the API and saves both for later commands. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Saves the control plane URL and API token to $XDG_CONFIG_HOME/serviceradar-edge/config.json"
          + " (default ~/.config/...; mode 0600) after checking them.",
      "--api, --token or --token-file, and EDGE_API_URL/EDGE_API_TOKEN override it on every command."
    })
final class LoginCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin ApiOptions api;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  LoginCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String token =
        api.givenToken(context)
            .filter(given -> api.api != null && !api.api.isBlank())
            .orElseThrow(
                () ->
                    ExitException.usage(
                        "login needs --api URL and --token T or --token-file FILE"
                            + " (or EDGE_API_URL, EDGE_API_TOKEN)"));
    ApiClient client = new ApiClient(api.api, token);
    client.serverDate();
    String role;
    try {
      int sites = Json.array(client.get("/api/v1/edge-sites")).size();
      role = "tenant token, " + sites + " site(s) visible";
    } catch (ExitException refused) {
      if (refused.getMessage().contains("HTTP 401")) {
        throw refused;
      }
      role = "token accepted, but it cannot list sites (a platform operator token?)";
    }
    Path file = new CliConfig(client.url(), token).save(context);
    if (json) {
      context.out().println(Json.object("api", client.url(), "config", file.toString()).toJson());
    } else {
      context.out().println("Logged in to " + client.url() + " (" + role + "); saved " + file);
    }
    return 0;
  }
}
