package com.serviceradar.edge.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.template.Language;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.NatsServerProcess;
import com.serviceradar.edge.testing.NatsServerProcess.ConfigCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated setup.sh, run by the real sh against the real nats-server, always --no-service. */
class SetupScriptTest {

  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Path MARKER = Path.of("/tmp/x");

  private final FreshSite fresh = new FreshSite();
  private final LeafConfig config =
      fresh.config(
          NatsUrl.parse("tls://127.0.0.1:" + NatsServerProcess.freePort()),
          NatsServerProcess.freePort(),
          NatsServerProcess.freePort());

  @TempDir Path directory;

  @Test
  void installsUnderAPrefixWithEveryPathRewrittenAndTheConfigCheckPasses() throws Exception {
    Path bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config), directory);
    Path prefix = directory.resolve("root");

    Command.Result install = setup(bundle, "--prefix", prefix.toString(), "--no-service");

    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(install.output())
        .contains("ServiceRadar edge site: NYC Office")
        .contains("Installed " + prefix + "/etc/nats/nats-leaf.conf (checked with nats-server -t)")
        .contains("./setup.sh --check --prefix " + prefix);
    Path conf = prefix.resolve("etc/nats/nats-leaf.conf");
    List<String> paths = quotedPaths(Files.readString(conf, UTF_8));
    assertThat(paths).hasSize(9).allMatch(path -> path.startsWith(prefix + "/"));
    for (String path : paths) {
      assertThat(Path.of(path))
          .as(path)
          .satisfiesAnyOf(
              p -> assertThat(p).exists(), p -> assertThat(p.getParent()).isDirectory());
    }
    ConfigCheck check = NatsServerProcess.checkConfig(conf, Path.of("/"));
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(mode(prefix.resolve("etc/nats/certs/nats-leaf-key.pem"))).isEqualTo("rw-------");
    assertThat(mode(prefix.resolve("etc/nats/certs/nats-server-key.pem"))).isEqualTo("rw-------");
    assertThat(mode(prefix.resolve("etc/nats/creds/tenant.creds"))).isEqualTo("rw-------");
    assertThat(mode(prefix.resolve("etc/nats/certs/nats-leaf.pem"))).isEqualTo("rw-r--r--");
    assertThat(mode(conf)).isEqualTo("rw-r--r--");
    assertThat(mode(prefix.resolve("etc/nats/certs"))).isEqualTo("rwxr-xr-x");
    requireRootWithNatsUser();
    assertThat(Files.getOwner(prefix.resolve("etc/nats/creds/tenant.creds")).getName())
        .isEqualTo("nats");

    Command.Result again = setup(bundle, "--prefix", prefix.toString(), "--no-service");
    assertThat(again.exitCode()).as(again.output()).isZero();
  }

  @Test
  void siteNamesWithShellMetacharactersArePrintedLiterallyAndExecuteNothing() throws Exception {
    assertThat(MARKER).as("marker file must not exist before the test").doesNotExist();
    List<String> names = List.of("$(touch /tmp/x)", "`id`", "'; rm -rf / #", "\"quoted\"");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Bundle generated = fresh.bundle(name, config);
      String script = generated.file("setup.sh").orElseThrow().text();
      assertThat(script).contains("\nSITE_NAME=" + Language.SHELL.quote(name) + "\n");
      Path bundle =
          BundleFixtures.extract(generated, Files.createDirectory(directory.resolve("b" + i)));
      Command.Result syntax = Command.run(bundle, List.of("sh", "-n", "setup.sh"));
      assertThat(syntax.exitCode()).as(syntax.output()).isZero();

      Command.Result install =
          setup(bundle, "--prefix", directory.resolve("root" + i).toString(), "--no-service");

      assertThat(install.exitCode()).as(install.output()).isZero();
      assertThat(install.output()).contains("ServiceRadar edge site: " + name + "\n");
      assertThat(install.output()).doesNotContain("uid=");
      assertThat(MARKER).doesNotExist();
      assertThat(generated.file("README.md").orElseThrow().text())
          .contains("# ServiceRadar edge site " + Language.MARKDOWN.quote(name) + "\n");
    }
  }

  @Test
  void unprivilegedInstallNeedsAPrefix() throws Exception {
    requireRootWithNatsUser();
    Path home = Files.createDirectory(directory.resolve("unprivileged"));
    Command.Result chown = Command.run(directory, List.of("chown", "-R", "nats", home.toString()));
    assertThat(chown.exitCode()).as(chown.output()).isZero();
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    Path archive = home.resolve("bundle.tar.gz");
    Files.write(archive, fresh.bundle("NYC Office", config).toTarGz());

    Command.Result asNats =
        asNats(
            home,
            "tar -xzf bundle.tar.gz && cd edge-site-* && sh setup.sh --prefix \"$(cd .. && pwd)/root\""
                + " --no-service && sh setup.sh --no-service");

    assertThat(asNats.exitCode()).as(asNats.output()).isEqualTo(1);
    assertThat(asNats.output())
        .contains("Installed " + home + "/root/etc/nats/nats-leaf.conf")
        .contains("setup.sh: installing under / needs root: run sudo ./setup.sh");
    assertThat(Files.getOwner(home.resolve("root/etc/nats/creds/tenant.creds")).getName())
        .isEqualTo("nats");
  }

  @Test
  void withoutNatsServerItSaysHowToInstallItAndInstallsNothing() throws Exception {
    Path bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config), directory);
    Path prefix = directory.resolve("root");

    Command.Result install =
        Command.run(
            bundle,
            Map.of("NATS_SERVER", directory.resolve("no-such-nats-server").toString()),
            List.of("sh", "setup.sh", "--prefix", prefix.toString(), "--no-service"));

    assertThat(install.exitCode()).isEqualTo(1);
    assertThat(install.output())
        .contains("setup.sh: nats-server was not found")
        .contains("sudo apt-get install nats-server");
    assertThat(prefix).doesNotExist();
  }

  @Test
  void aConfigurationNatsServerRefusesStopsItBeforeAnythingInstalledIsTouched() throws Exception {
    Path bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config), directory);
    Path prefix = directory.resolve("root");
    assertThat(setup(bundle, "--prefix", prefix.toString(), "--no-service").exitCode()).isZero();
    Path installedKey = prefix.resolve("etc/nats/certs/nats-server-key.pem");
    String keyBefore = Files.readString(installedKey);
    Files.writeString(bundle.resolve("nats/certs/nats-server-key.pem"), "not a key\n");
    rewriteManifest(bundle);

    Command.Result install = setup(bundle, "--prefix", prefix.toString(), "--no-service");

    assertThat(install.exitCode()).isEqualTo(1);
    assertThat(install.output())
        .contains("error parsing X509 certificate/key pair")
        .contains("nats-server -t refused this bundle's configuration; nothing was installed");
    assertThat(Files.readString(installedKey)).isEqualTo(keyBefore);
  }

  @Test
  void aBundleThatDiffersFromItsManifestIsRefused() throws Exception {
    Path bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config), directory);
    Files.writeString(bundle.resolve("creds/tenant.creds"), "tampered\n");

    Command.Result install =
        setup(bundle, "--prefix", directory.resolve("root").toString(), "--no-service");

    assertThat(install.exitCode()).isEqualTo(1);
    assertThat(install.output()).contains("the files differ from MANIFEST.sha256");
    assertThat(directory.resolve("root")).doesNotExist();
  }

  @Test
  void anExpiredLeafCertificateIsRefused() throws Exception {
    Validity expired =
        new Validity(fresh.now.minus(Duration.ofDays(3)), fresh.now.minus(Duration.ofDays(1)));
    Path bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config, expired), directory);

    Command.Result install =
        setup(bundle, "--prefix", directory.resolve("root").toString(), "--no-service");

    assertThat(install.exitCode()).as(install.output()).isEqualTo(1);
    assertThat(install.output()).contains("nats/certs/nats-leaf.pem has expired");
  }

  @Test
  void optionsAreCheckedAndExplained() throws Exception {
    Path bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config), directory);

    Command.Result help = setup(bundle, "--help");
    Command.Result unknown = setup(bundle, "--frobnicate");
    Command.Result badWait = setup(bundle, "--check", "--wait", "soon");
    Command.Result badPrefix = setup(bundle, "--prefix", "/tmp/a b", "--no-service");

    assertThat(help.exitCode()).isZero();
    assertThat(help.output()).startsWith("Usage: setup.sh [--prefix DIR]");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output()).startsWith("setup.sh: unknown option: --frobnicate\n");
    assertThat(badWait.exitCode()).isEqualTo(2);
    assertThat(badPrefix.exitCode()).isEqualTo(1);
    assertThat(badPrefix.output()).contains("--prefix must be a path of letters");
  }

  @Test
  void checkSaysWhatFailedWhenNothingAnswers() throws Exception {
    Path bundle = BundleFixtures.extract(fresh.bundle("NYC Office", config), directory);

    Command.Result check = setup(bundle, "--check", "--wait", "1");

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.output())
        .contains(
            "FAILED: nothing answers on http://127.0.0.1:"
                + config.monitoringPort()
                + "/leafz: nats-server is not running");
  }

  static Command.Result setup(Path bundle, String... arguments) {
    List<String> command = new ArrayList<>(List.of("sh", "setup.sh"));
    command.addAll(List.of(arguments));
    return Command.run(bundle, command);
  }

  /** Every quoted value of a configuration that starts with a slash. */
  static List<String> quotedPaths(String conf) {
    List<String> paths = new ArrayList<>();
    Matcher matcher = QUOTED.matcher(conf);
    while (matcher.find()) {
      if (matcher.group(1).startsWith("/")) {
        paths.add(matcher.group(1));
      }
    }
    return paths;
  }

  private static void rewriteManifest(Path bundle) throws IOException {
    Command.Result hashes =
        Command.run(
            bundle,
            List.of(
                "sh",
                "-c",
                "find . -type f ! -name MANIFEST.sha256 | sed 's|^./||' | LC_ALL=C sort"
                    + " | xargs sha256sum"));
    Files.writeString(bundle.resolve("MANIFEST.sha256"), hashes.output());
  }

  private static Command.Result asNats(Path directory, String script) {
    return Command.run(
        directory,
        List.of("setpriv", "--reuid=nats", "--regid=nats", "--init-groups", "sh", "-c", script));
  }

  /** These run as CI does: root, with Debian's nats user (scripts/test.sh makes sure of both). */
  static void requireRootWithNatsUser() {
    assertThat(System.getProperty("user.name"))
        .as("the service install tests run as root, as CI does (scripts/test.sh)")
        .isEqualTo("root");
    assertThat(Command.run(Path.of("/"), List.of("id", "nats")).exitCode())
        .as("a nats user (Debian's nats-server package makes one; scripts/test.sh too)")
        .isZero();
    assertThat(Path.of("/usr/bin/setpriv")).isExecutable();
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
