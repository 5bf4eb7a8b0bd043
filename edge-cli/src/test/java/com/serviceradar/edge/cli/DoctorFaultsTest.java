package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.testing.TestSite;
import com.serviceradar.edge.verify.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each seeded fault gives its own FAIL in {@code doctor}, and the same check does not fail on a
 * healthy install. No hub runs here (the end-to-end test covers the network checks passing).
 */
class DoctorFaultsTest {

  private static final TestSite SITE = new TestSite();
  private static final int HUB_PORT = NatsServerProcess.freePort();
  private static final LeafConfig CONFIG =
      SITE.config(HUB_PORT, NatsServerProcess.freePort(), NatsServerProcess.freePort());

  @TempDir Path dir;

  private CliRun.Result doctor(Path conf) {
    return new CliRun(dir).run("doctor", "--config", conf.toString());
  }

  private static String line(CliRun.Result result, String check) {
    return result
        .out()
        .lines()
        .filter(line -> line.contains("  " + check + ":"))
        .findFirst()
        .orElse("");
  }

  private Path healthy() throws Exception {
    return InstalledLeaf.install(SITE.bundle(CONFIG), dir.resolve("root"));
  }

  @Test
  void aHealthyInstallPassesTheOfflineChecks() throws Exception {
    CliRun.Result result = doctor(healthy());

    for (String check :
        new String[] {
          "files present",
          "key and creds file modes",
          "certificate chain",
          "certificate expiry",
          "keys match certificates",
          "certificate names and usages",
          "leaf credentials",
          "no unfilled template text",
          "nats-server -t",
          "local listen port"
        }) {
      assertThat(line(result, check)).as(result.out()).contains("PASS");
    }
    assertThat(line(result, "clock skew")).contains("SKIP");
  }

  @Test
  void anExpiredCertificateFailsTheExpiryCheck() throws Exception {
    Instant past = Instant.now().minus(Duration.ofDays(400));
    Bundle expired =
        SITE.bundleWithLeafValidity(CONFIG, new Validity(past, past.plus(Duration.ofDays(365))));

    CliRun.Result result = doctor(InstalledLeaf.install(expired, dir.resolve("root")));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(line(result, "certificate expiry"))
        .contains("FAIL")
        .contains("nats-leaf.pem expired on");
    assertThat(line(result, "certificate chain")).contains("PASS");
  }

  @Test
  void aCertificateFromAnotherCaFailsTheChainCheck() throws Exception {
    Path conf = healthy();
    IssuedCertificate foreign = SITE.foreignLeafCertificate();
    Files.writeString(conf.resolveSibling("certs/nats-leaf.pem"), foreign.certificatePem());
    Files.writeString(conf.resolveSibling("certs/nats-leaf-key.pem"), foreign.privateKeyPem());

    CliRun.Result result = doctor(conf);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(line(result, "certificate chain")).contains("FAIL").contains("from another CA");
    assertThat(line(result, "certificate expiry")).contains("PASS");
  }

  @Test
  void aKeyReadableByOthersFailsTheModeCheck() throws Exception {
    Path conf = healthy();
    Path key = conf.resolveSibling("certs/nats-leaf-key.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    CliRun.Result result = doctor(conf);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(line(result, "key and creds file modes")).contains("FAIL").contains(key.toString());
    assertThat(result.out()).contains("fix: chmod 600 " + key);
  }

  @Test
  void unfilledCredsFailTheTemplateTextCheck() throws Exception {
    Path conf = healthy();
    Files.writeString(
        conf.resolveSibling("creds/tenant.creds"),
        "-----BEGIN NATS USER JWT-----\n<paste the leaf user JWT here>\n------END NATS USER JWT------\n");

    CliRun.Result result = doctor(conf);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(line(result, "no unfilled template text"))
        .contains("FAIL")
        .contains("tenant.creds contains \"<paste the leaf user JWT here>\"");
    assertThat(line(result, "leaf credentials")).contains("FAIL");
    assertThat(line(result, "certificate chain")).contains("PASS");
  }

  @Test
  void aHubNobodyListensOnFailsTheTcpCheck() throws Exception {
    CliRun.Result result = doctor(healthy());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(line(result, "hub DNS")).contains("PASS");
    assertThat(line(result, "hub TCP reach"))
        .contains("FAIL")
        .contains("hub unreachable: cannot connect to 127.0.0.1:" + HUB_PORT);
    assertThat(line(result, "local leaf process")).contains("FAIL");
  }

  /** As on a fresh Debian host, where the nats-server package started its own server. */
  @Test
  void anotherNatsServerOnTheListenPortFailsThePortCheckNamingItAndTheFix() throws Exception {
    Path conf = healthy();
    int port = CONFIG.localListen().port();
    Path distroConf = dir.resolve("nats-server.conf");
    Files.writeString(distroConf, "host: 127.0.0.1\nport: " + port + "\n");
    try (NatsServerProcess distro = NatsServerProcess.startFromFile(distroConf, port, null)) {

      CliRun.Result result = doctor(conf);

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(line(result, "local listen port"))
          .contains("FAIL")
          .contains("port " + port + " is held by nats-server (pid " + distro.pid());
      assertThat(result.out()).contains("--replace-distro-service");
    }
  }

  @Test
  void theNatsServerVersionIsJudgedAndNeverFails() throws Exception {
    Process version =
        new ProcessBuilder(NatsServerProcess.binary().toString(), "--version").start();
    String output = new String(version.getInputStream().readAllBytes()).strip();

    CliRun.Result result = doctor(healthy());

    Check expected = NatsServerVersion.judge(output);
    assertThat(line(result, "nats-server version"))
        .contains(expected.status().name())
        .contains(expected.detail())
        .doesNotContain("FAIL");
  }

  @Test
  void aMissingConfigIsOneFailWithTheFix() {
    CliRun.Result result = doctor(dir.resolve("none.conf"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("FAIL  configuration file").contains("--config FILE");
  }
}
