package com.serviceradar.edge.cli;

import com.serviceradar.edge.names.EdgeSiteNames;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code enroll}: sets up this host as an edge site's leaf with a one-time join token, keeping the
 * private keys here: it generates a P-256 key and a NATS user nkey, sends only the certificate
 * request and the public key, assembles the bundle from the answer and its own keys, verifies it,
 * installs it with {@code --install}, and stores the site agent token for {@code sync}.
 */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enrolls this host with a join token (from POST /api/v1/onboarding-packages): generates the"
          + " keys here, sends a certificate request and the nkey public key, verifies what comes"
          + " back and, with --install, installs it as setup.sh does.",
      "Stores the site agent token for serviceradar-edge sync in"
          + " <prefix>/etc/serviceradar-edge/agent.json (0600)."
    })
final class EnrollCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(
      names = "--token",
      description =
          "The one-time join token, srj_... (env EDGE_JOIN_TOKEN). Other users can see it in ps:"
              + " prefer --token-file.")
  String token;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "Read the join token from FILE, or from standard input with -.")
  String tokenFile;

  @Option(
      names = "--api",
      defaultValue = "${env:EDGE_API_URL}",
      description = "Control plane URL (env EDGE_API_URL, else the one saved by login).")
  String api;

  @Option(names = "--install", description = "Install on this host (runs setup.sh).")
  boolean install;

  @Mixin SetupOptions setup;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Where to save the bundle (0600; it holds the keys): without --install, or when the"
              + " install fails (default ./edge-site-<id>.tar.gz).")
  Path output;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  boolean json;

  EnrollCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String joinToken =
        TokenInput.resolve(token, tokenFile, context)
            .or(
                () ->
                    Optional.ofNullable(context.env().get("EDGE_JOIN_TOKEN"))
                        .filter(text -> !text.isBlank()))
            .orElseThrow(
                () ->
                    ExitException.usage(
                        "enroll needs the join token: --token-file FILE (- for standard input),"
                            + " --token srj_... or EDGE_JOIN_TOKEN"));
    if (!joinToken.startsWith("srj_")) {
      throw ExitException.usage("the token must be a join token (srj_...) from a tenant admin");
    }
    String url =
        Optional.ofNullable(api)
            .filter(text -> !text.isBlank())
            .or(() -> CliConfig.load(context).map(CliConfig::api))
            .orElseThrow(
                () ->
                    ExitException.usage(
                        "no control plane URL: give --api https://edge.example.com"
                            + " or set EDGE_API_URL"));
    HostKeys keys = HostKeys.generate(new SecureRandom());
    JsonValue enrolled =
        new ApiClient(url, null)
            .post(
                "/api/v1/enroll",
                Json.object(
                    "token", joinToken,
                    "csr", keys.certificateRequestPem(),
                    "natsPublicKey", keys.natsPublicKey()));
    UUID siteId = UUID.fromString(Json.text(enrolled, "siteId", ""));
    String checksum = Json.text(enrolled, "configChecksum", "");
    byte[] tarGz = keys.assemble(enrolled).toTarGz();
    CliContext progress = json ? context.progressOnErr() : context;
    int checks = VerifiedInstall.verify(progress, tarGz, "The enrolled configuration");
    say("Enrolled as site " + siteId + "; verified (" + checks + " checks).");
    SiteAgent agent = new SiteAgent(url, siteId, Json.text(enrolled, "agentToken", null), true);
    Path agentFile = agent.save(setup.prefix);
    Path bundleFile = null;
    if (install) {
      try {
        VerifiedInstall.install(progress, tarGz, setup);
      } catch (ExitException failed) {
        // The join token is spent and the keys exist nowhere else: keep them for a retry.
        Path kept = saveSecret(tarGz, siteId);
        throw new ExitException(
            failed.exitCode(),
            failed.getMessage()
                + "; the enrolled bundle (with this host's keys) is in "
                + kept
                + ": fix the cause, then run serviceradar-edge install "
                + kept,
            failed);
      }
      SiteAgent.recordInstalled(setup.prefix, checksum);
      agent
          .client()
          .post(
              "/api/v1/edge-sites/" + siteId + "/synced", Json.object("configChecksum", checksum));
    } else {
      bundleFile = saveSecret(tarGz, siteId);
      say(
          "Saved "
              + bundleFile
              + " (it holds this host's keys): install it with"
              + " serviceradar-edge install "
              + bundleFile);
    }
    say("Stored the site agent token for serviceradar-edge sync in " + agentFile);
    if (json) {
      context
          .out()
          .println(
              Json.object(
                      "siteId",
                      siteId.toString(),
                      "configChecksum",
                      checksum,
                      "installed",
                      install,
                      "bundle",
                      bundleFile == null ? null : bundleFile.toString(),
                      "agentFile",
                      agentFile.toString())
                  .toJson());
    }
    return 0;
  }

  private Path saveSecret(byte[] tarGz, UUID siteId) {
    Path target = output != null ? output : Path.of(EdgeSiteNames.bundleArchive(siteId));
    try {
      Files.deleteIfExists(target);
      Files.createFile(
          target,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(target, tarGz);
      return target;
    } catch (IOException e) {
      throw ExitException.failure("cannot write " + target + ": " + e.getMessage());
    }
  }

  private void say(String line) {
    if (!json) {
      context.out().println(line);
      context.out().flush();
    }
  }
}
