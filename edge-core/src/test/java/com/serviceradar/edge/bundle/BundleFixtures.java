package com.serviceradar.edge.bundle;

import static com.serviceradar.edge.testing.IdentityFixtures.accountPublicKey;
import static com.serviceradar.edge.testing.IdentityFixtures.jwt;
import static com.serviceradar.edge.testing.IdentityFixtures.operatorJwt;
import static com.serviceradar.edge.testing.IdentityFixtures.text;

import com.serviceradar.edge.leafconfig.AccountJwt;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.IdentityFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The pinned inputs of the golden edge site bundle, and extraction with the real tar. */
final class BundleFixtures {

  static final EdgeSite SITE =
      new EdgeSite(
          IdentityFixtures.SITE_ID,
          "NYC Office",
          Optional.of(NatsUrl.parse("tls://nats.nyc.acme.example:4222")));

  private BundleFixtures() {}

  static LeafConfig config() {
    return LeafConfig.forSite(
        TenantSlug.of("acme"),
        SiteSlug.of("nyc-office"),
        NatsUrl.parse("tls://nats.serviceradar.cloud:7422"),
        operatorJwt(),
        account("system-account.jwt"),
        account("acme-account.jwt"));
  }

  static AccountJwt account(String file) {
    return new AccountJwt(accountPublicKey(file), jwt(file));
  }

  static LeafCertificates certificates() {
    return new LeafCertificates(
        text("nyc-office-server.pem"),
        text("nyc-office-server-key.pem"),
        text("nyc-office-leaf.pem"),
        text("nyc-office-leaf-key.pem"),
        text("acme-ca-chain.pem"));
  }

  static String creds() {
    return text("leaf-nyc-office.creds");
  }

  static Bundle bundle() {
    return EdgeSiteBundle.create(SITE, config(), certificates(), creds());
  }

  /** Writes the tar.gz into {@code directory} and extracts it there with the real tar. */
  static Path extract(Bundle bundle, Path directory) throws IOException {
    Path archive = directory.resolve(bundle.fileName());
    Files.write(archive, bundle.toTarGz());
    Command.Result result =
        Command.run(directory, List.of("tar", "-xzf", archive.getFileName().toString()));
    if (result.exitCode() != 0) {
      throw new IllegalStateException("tar failed: " + result.output());
    }
    return directory.resolve(bundle.topFolder());
  }
}
