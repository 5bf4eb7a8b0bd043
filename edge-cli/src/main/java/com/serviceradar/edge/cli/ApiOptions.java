package com.serviceradar.edge.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --api} and {@code --token}, defaulting to {@code EDGE_API_URL} and {@code EDGE_API_TOKEN},
 * then to what {@code login} saved.
 */
final class ApiOptions {

  @Option(
      names = "--api",
      defaultValue = "${env:EDGE_API_URL}",
      description = "Control plane URL, e.g. https://edge.example.com (env EDGE_API_URL).")
  String api;

  @Option(
      names = "--token",
      defaultValue = "${env:EDGE_API_TOKEN}",
      description = "API token (env EDGE_API_TOKEN).")
  String token;

  /** The API client, or a usage error saying how to configure one. */
  ApiClient client(CliContext context) {
    return optionalClient(context)
        .orElseThrow(
            () ->
                ExitException.usage(
                    "no control plane configured: run serviceradar-edge login --api URL --token T,"
                        + " or set EDGE_API_URL and EDGE_API_TOKEN"));
  }

  /** The API client when an URL and a token are known. */
  Optional<ApiClient> optionalClient(CliContext context) {
    Optional<CliConfig> saved = CliConfig.load(context);
    String url = present(api).or(() -> saved.map(CliConfig::api)).orElse(null);
    String secret = present(token).or(() -> saved.map(CliConfig::token)).orElse(null);
    if (url == null || secret == null) {
      return Optional.empty();
    }
    return Optional.of(new ApiClient(url, secret));
  }

  private static Optional<String> present(String value) {
    return Optional.ofNullable(value).filter(text -> !text.isBlank());
  }
}
