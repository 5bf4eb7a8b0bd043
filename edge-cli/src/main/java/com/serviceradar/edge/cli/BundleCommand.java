package com.serviceradar.edge.cli;

import com.serviceradar.edge.names.EdgeSiteNames;
import com.serviceradar.edge.verify.BundleVerifier;
import com.serviceradar.edge.verify.NatsServerBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bundle download|verify}. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = "Downloads a site's bundle, or checks one offline.",
    subcommands = {BundleCommand.Download.class, BundleCommand.Verify.class})
final class BundleCommand implements Runnable {

  @Override
  public void run() {
    throw ExitException.usage("bundle needs a subcommand: download or verify");
  }

  @Command(
      name = "download",
      mixinStandardHelpOptions = true,
      description = "Saves edge-site-<id>.tar.gz (or FILE) for a site given by id or slug.")
  static final class Download implements Callable<Integer> {
    private final CliContext context;

    @Mixin ApiOptions api;

    @Parameters(paramLabel = "SITE", description = "Site id or slug.")
    String site;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Where to save it.")
    Path output;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    Download(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Path saved = download(api.client(context), site, output);
      if (json) {
        context.out().println(Json.object("file", saved.toString()).toJson());
      } else {
        context.out().println("Saved " + saved);
      }
      return 0;
    }

    /** Downloads the bundle of a site (id or slug) to {@code output} or the server's file name. */
    static Path download(ApiClient client, String site, Path output) {
      UUID id =
          UUID.fromString(ApiClient.isUuid(site) ? site : Json.text(client.site(site), "id", site));
      ApiClient.Download bundle =
          client.download("/api/v1/edge-sites/" + id + "/bundle", EdgeSiteNames.bundleArchive(id));
      return save(bundle, output);
    }

    /** Writes a downloaded file to {@code output}, or under the server's file name. */
    static Path save(ApiClient.Download download, Path output) {
      Path target = output != null ? output : Path.of(download.fileName());
      try {
        Files.write(target, download.content());
      } catch (IOException e) {
        throw ExitException.failure("cannot write " + target + ": " + e.getMessage());
      }
      return target;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a bundle offline: layout, MANIFEST.sha256, certificate chain, names, keys, expiry,"
            + " creds against the tenant account, unfilled text, and nats-server -t when installed.",
        "Exit 1 when a check fails."
      })
  static final class Verify implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "FILE", description = "The bundle (edge-site-<id>.tar.gz).")
    Path file;

    @Option(names = "--json", description = "Print the checks as JSON.")
    boolean json;

    Verify(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return CheckReport.print(
          "Bundle " + file,
          BundleVerifier.verify(read(file), Instant.now(), NatsServerBinary.find()),
          json,
          context.out());
    }

    static byte[] read(Path file) {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw ExitException.usage("cannot read " + file + ": give the path of a downloaded bundle");
      }
    }
  }
}
