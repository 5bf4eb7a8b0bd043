package com.serviceradar.edge.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.support.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * [E11] The one-liner on a fresh Debian 12 host: a root made by debootstrap (no Java, no
 * nats-server, no systemd) installs nats-server from apt and the agent package from the packaged
 * control plane, enrolls with a one-time join token, starts the leaf and waits until the control
 * plane reports it connected to the hub. What the other tests take apart, this runs end to end as a
 * user would: the packages as built, install.sh as served, apt resolving the agent's dependencies,
 * the agent on its own Java runtime, setup.sh as root creating the leaf's user and unit.
 *
 * <p>Needs root (mount, chroot) and debootstrap. Run as another user it is skipped, unless the
 * environment variable {@code CI} is set: there a missing prerequisite fails the build.
 */
class FreshHostIT {

  private static final Path WORK = Path.of(System.getProperty("fresh.host.directory"));
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final String DOUBLE_LOG =
      "/var/log/systemctl-double/serviceradar-nats-leaf.service.log";

  private static Path cachedRoot;
  private static PackagedControlPlane controlPlane;

  @BeforeAll
  static void prepareTheCachedRootAndThePackagedControlPlane() throws Exception {
    boolean root = Command.run(Path.of("/"), List.of("id", "-u")).output().strip().equals("0");
    if (System.getenv("CI") == null) {
      assumeTrue(
          root, "needs root to mount and chroot a Debian root (run scripts/test.sh as root)");
    } else if (!root) {
      fail("FreshHostIT needs root in CI (mount, chroot): run scripts/test.sh as root");
    }
    cachedRoot = FreshHost.cachedRoot(Path.of(System.getProperty("debian.root.script")));
    FreshHost.clearLeftovers(WORK);
    Path server = WORK.resolve("server-package");
    Files.createDirectories(server);
    BuiltPackages.unpack(
        BuiltPackages.file("serviceradar-edge-server_" + BuiltPackages.DEB_VERSION + "_all.deb"),
        server);
    controlPlane =
        PackagedControlPlane.start(server.resolve("files"), WORK.resolve("control-plane"));
  }

  @AfterAll
  static void stopTheControlPlane() {
    if (controlPlane != null) {
      controlPlane.close();
    }
  }

  @Test
  void theOneLinerTurnsAFreshDebianHostWithoutJavaIntoALeafConnectedToTheHub() throws Exception {
    String admin = controlPlane.tenantAdminToken("fresh-host");
    int monitoringPort = NatsServerProcess.freePort();
    // The host shares this machine's network: its leaf must not listen on 4222, where this
    // machine's own NATS may, so the site gets a free port.
    JsonValue site =
        controlPlane.post(
            admin,
            "/api/v1/edge-sites",
            "{\"name\":\"Fresh Host\",\"localListen\":\"127.0.0.1:"
                + NatsServerProcess.freePort()
                + "\",\"monitoringPort\":"
                + monitoringPort
                + "}");
    String siteId = PackagedControlPlane.text(site, "id");
    String joinToken =
        PackagedControlPlane.text(
            controlPlane.post(
                admin,
                "/api/v1/onboarding-packages",
                "{\"componentType\":\"nats-leaf\",\"edgeSiteId\":\"" + siteId + "\"}"),
            "token");

    try (FreshHost host = FreshHost.create(cachedRoot, WORK.resolve("host"))) {
      assertThat(
              host.run(
                      "command -v java; ls -d /usr/lib/jvm 2>/dev/null; true",
                      Duration.ofSeconds(10))
                  .output())
          .as("a fresh host has no Java")
          .isEmpty();
      assertThat(host.run("command -v nats-server", Duration.ofSeconds(10)).exitCode())
          .as("nor nats-server")
          .isNotZero();
      Path tokenFile = host.file("/root/join-token");
      Files.writeString(tokenFile, joinToken + "\n");
      Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));

      FreshHost.Result installed =
          host.run(
              "curl -fsSL "
                  + controlPlane.url()
                  + "/install.sh | sh -s -- --token-file /root/join-token",
              INSTALL_TIMEOUT);
      // Kept for a look after the run, as a user would have seen it.
      Files.writeString(WORK.resolve("install-sh.log"), installed.output());

      assertThat(installed.exitCode())
          .as(() -> "install.sh failed:\n" + installed.output() + diagnostics(host))
          .isZero();
      assertThat(installed.output())
          .containsSubsequence(
              "==> Checking this host",
              "==> nats-server",
              "Installing nats-server from the distribution (apt-get)",
              "==> The serviceradar-edge agent",
              "/downloads/serviceradar-edge-agent_amd64.deb",
              "==> Enrolling with the control plane and installing the leaf",
              "==> Waiting until the control plane reports the leaf connected",
              "==> Done: this host's leaf is connected to " + controlPlane.url() + ".");
      assertThat(
              host.run("dpkg-query -W serviceradar-edge", Duration.ofSeconds(10)).output().strip())
          .isEqualTo("serviceradar-edge\t" + BuiltPackages.DEB_VERSION);
      assertThat(host.run("command -v java", Duration.ofSeconds(10)).exitCode())
          .as("the agent brings its own runtime and puts no java on PATH")
          .isNotZero();

      JsonValue connected = controlPlane.get(admin, "/api/v1/edge-sites/" + siteId);
      String serverName = PackagedControlPlane.text(connected, "leafServer.serverName");
      assertThat(PackagedControlPlane.text(connected, "leafServer.status")).isEqualTo("connected");
      assertThat(controlPlane.fleetLeafs().map.get("items").array)
          .anySatisfy(
              leaf -> {
                assertThat(PackagedControlPlane.text(leaf, "serverName")).isEqualTo(serverName);
                assertThat(PackagedControlPlane.text(leaf, "leafStatus")).isEqualTo("connected");
              });
      assertThat(localLeafz(monitoringPort)).containsPattern("\"leafnodes\": *1\\b");
      assertThat(leafUser(host))
          .as("the leaf runs as Debian's nats user, not root")
          .isEqualTo("nats");
    }
  }

  /** The leaf's own view, from its monitoring port on the loopback it shares with us. */
  private static String localLeafz(int monitoringPort) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitoringPort + "/leafz"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Who owns the nats-server running inside, by the host's own user names. */
  private static String leafUser(FreshHost host) {
    ProcessHandle leaf =
        host.processes().stream()
            .filter(process -> process.info().command().orElse("").endsWith("/nats-server"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no nats-server runs inside the host"));
    return host.run("stat -c %U /proc/" + leaf.pid(), Duration.ofSeconds(10)).output().strip();
  }

  private static String diagnostics(FreshHost host) {
    try {
      return "\n--- "
          + DOUBLE_LOG
          + ":\n"
          + host.run("cat " + DOUBLE_LOG, Duration.ofSeconds(10)).output()
          + "\n--- control plane log:\n"
          + controlPlane.log();
    } catch (Exception e) {
      return "\n(no diagnostics: " + e + ")";
    }
  }
}
