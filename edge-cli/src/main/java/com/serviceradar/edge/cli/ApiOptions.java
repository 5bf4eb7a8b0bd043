package com.serviceradar.edge.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --api} and the API token ({@code --token} or {@code --token-file}), defaulting to {@code
 * EDGE_API_URL} and {@code EDGE_API_TOKEN}, then to what {@code login} saved.
 */
final class ApiOptions {

  @Option(
      names = "--api",
      defaultValue = "${env:EDGE_API_URL}",
      description = "Control plane URL, e.g. https://edge.example.com (env EDGE_API_URL).")
  String api;

  @Option(
      names = "--token",
      description =
          "API token (env EDGE_API_TOKEN). Other users can see it in ps: prefer --token-file.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Read the API token from FILE, or from standard input with -.")
  String tokenFile;

  /** Read once: standard input cannot be read twice. */
  private Optional<String> resolvedToken;

  /** The API client, or a usage error saying how to configure one. */
  ApiClient client(CliContext context) {
    return optionalClient(context)
        .orElseThrow(
            () ->
                ExitException.usage(
                    "no control plane configured: run serviceradar-edge login --api URL"
                        + " --token-file FILE, or set EDGE_API_URL and EDGE_API_TOKEN"));
  }

  /** The API client when an URL and a token are known. */
  Optional<ApiClient> optionalClient(CliContext context) {
    Optional<CliConfig> saved = CliConfig.load(context);
    String url = present(api).or(() -> saved.map(CliConfig::api)).orElse(null);
    String secret = givenToken(context).or(() -> saved.map(CliConfig::token)).orElse(null);
    if (url == null || secret == null) {
      return Optional.empty();
    }
    return Optional.of(new ApiClient(url, secret));
  }

  /** The token from --token, --token-file or EDGE_API_TOKEN, ignoring what login saved. */
  Optional<String> givenToken(CliContext context) {
    if (resolvedToken == null) {
      resolvedToken =
          TokenInput.resolve(token, tokenFile, context)
              .or(() -> present(context.env().get("EDGE_API_TOKEN")));
    }
    return resolvedToken;
  }

  private static Optional<String> present(String value) {
    return Optional.ofNullable(value).filter(text -> !text.isBlank());
  }
}
