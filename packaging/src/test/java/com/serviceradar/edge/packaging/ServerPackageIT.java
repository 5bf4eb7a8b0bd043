package com.serviceradar.edge.packaging;

import static com.serviceradar.edge.packaging.BuiltPackages.field;
import static com.serviceradar.edge.packaging.BuiltPackages.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.testing.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serviceradar-edge-server_VERSION_all.deb: the control plane as a hardened systemd service. */
class ServerPackageIT {

  private static final String UNIT = "usr/lib/systemd/system/serviceradar-edge-server.service";

  @TempDir static Path root;

  private static Path deb;
  private static Path files;

  @BeforeAll
  static void unpack() {
    deb = BuiltPackages.file("serviceradar-edge-server_" + BuiltPackages.DEB_VERSION + "_all.deb");
    BuiltPackages.unpack(deb, root);
    files = root.resolve("files");
  }

  @Test
  void isTheControlPlaneAtTheMavenVersionOnTheSystemsJava17() {
    assertThat(field(deb, "Package")).isEqualTo("serviceradar-edge-server");
    assertThat(field(deb, "Version")).isEqualTo(BuiltPackages.DEB_VERSION);
    assertThat(field(deb, "Architecture")).isEqualTo("all");
    assertThat(field(deb, "Depends"))
        .isEqualTo("default-jre-headless (>= 2:1.17) | openjdk-17-jre-headless");
  }

  @Test
  void serverEnvIsAConffileForRootAloneListingEveryVariableTheControlPlaneReads() throws Exception {
    String serverEnv = Files.readString(files.resolve("etc/serviceradar-edge/server.env"));
    String properties = Files.readString(Path.of(System.getProperty("edge.server.properties")));

    assertThat(Files.readString(root.resolve("DEBIAN/conffiles")))
        .isEqualTo("/etc/serviceradar-edge/server.env\n");
    assertThat(run(root, "dpkg-deb", "-c", deb.toString()))
        .contains("drwx------ root/root", "-rw------- root/root")
        .containsPattern("-rw------- root/root .* ./etc/serviceradar-edge/server.env");
    assertThat(serverEnv).contains("\nEDGE_DATA_DIR=/var/lib/serviceradar-edge\n");
    Matcher variable = Pattern.compile("\\$\\{(EDGE_[A-Z_]+):").matcher(properties);
    while (variable.find()) {
      assertThat(serverEnv).containsPattern("(?m)^#?" + variable.group(1) + "=");
    }
  }

  @Test
  void shipsTheAgentPackageWhereServerEnvPublishesItToEdgeHosts() throws Exception {
    String arch = run(root, "dpkg", "--print-architecture").strip();
    String agent = "serviceradar-edge_" + BuiltPackages.DEB_VERSION + "_" + arch + ".deb";
    Path shipped = files.resolve("usr/share/serviceradar-edge-server/agent").resolve(agent);

    assertThat(shipped).hasSameBinaryContentAs(BuiltPackages.file(agent));
    assertThat(Files.readString(files.resolve("etc/serviceradar-edge/server.env")))
        .contains("\nEDGE_AGENT_PACKAGE_DIR=/usr/share/serviceradar-edge-server/agent\n");
  }

  @Test
  void unitPassesSystemdAnalyzeVerifyAndIsHardened() throws Exception {
    // scripts/test.sh installs systemd when systemd-analyze is missing: never skip the check.
    Path systemdAnalyze =
        BuiltPackages.onPath("systemd-analyze")
            .orElseThrow(
                () ->
                    new AssertionError(
                        "systemd-analyze is not installed (apt-get install systemd):"
                            + " the unit cannot be verified"));
    String unit = Files.readString(files.resolve(UNIT));
    // verify checks that ExecStart exists: point it at the unpacked launcher.
    Path copy = root.resolve("serviceradar-edge-server.service");
    Files.writeString(
        copy, unit.replace("ExecStart=/usr/bin/", "ExecStart=" + files.resolve("usr/bin") + "/"));

    String warnings = run(root, systemdAnalyze.toString(), "verify", copy.toString());

    assertThat(warnings).isEmpty();
    assertThat(unit)
        .contains(
            "\nUser=serviceradar-edge\n",
            "\nEnvironmentFile=/etc/serviceradar-edge/server.env\n",
            "\nProtectSystem=strict\n",
            "\nReadWritePaths=/var/lib/serviceradar-edge\n",
            "\nNoNewPrivileges=yes\n",
            "\nPrivateTmp=yes\n",
            "\nCapabilityBoundingSet=\n");
  }

  @Test
  void postinstCreatesTheUserOnlyWhenMissingAndTheDataDirectoryFor0750() throws Exception {
    Path stubs =
        MaintainerScriptStubs.create(root.resolve("stubs"), "getent", "useradd", "install");

    String missing =
        MaintainerScriptStubs.run(stubs, root.resolve("DEBIAN/postinst"), 2, "configure", "");
    String present =
        MaintainerScriptStubs.run(stubs, root.resolve("DEBIAN/postinst"), 0, "configure", "0.1.0");

    assertThat(missing)
        .contains(
            "useradd --system --user-group --home-dir /var/lib/serviceradar-edge --no-create-home"
                + " --shell /usr/sbin/nologin serviceradar-edge\n",
            "install -d -m 0750 -o serviceradar-edge -g serviceradar-edge /var/lib/serviceradar-edge\n");
    assertThat(present)
        .doesNotContain("useradd")
        .contains("install -d -m 0750 -o serviceradar-edge -g serviceradar-edge");
  }

  @Test
  void maintainerScriptsAndLauncherAreShell() {
    for (String script : List.of("postinst", "prerm", "postrm")) {
      run(root, "sh", "-n", root.resolve("DEBIAN").resolve(script).toString());
    }
    run(root, "sh", "-n", files.resolve("usr/bin/serviceradar-edge-server").toString());
  }

  @Test
  void tarballsLauncherRunsItsJarWithJavaHomesJava() throws Exception {
    String name = "serviceradar-edge-server-" + BuiltPackages.VERSION;
    Path tarball = BuiltPackages.file(name + ".tar.gz");
    run(root, "tar", "-xzf", tarball.toString());
    Path javaHome = MaintainerScriptStubs.create(root.resolve("java-home/bin"), "java").getParent();

    Command.Result launched =
        Command.run(
            root,
            Map.of("JAVA_HOME", javaHome.toString(), "STUB_LOG", "/dev/stdout"),
            List.of(root.resolve(name + "/bin/serviceradar-edge-server").toString(), "--debug"));

    assertThat(launched.output())
        .isEqualTo(
            "java -jar "
                + root.toRealPath()
                    .resolve(name + "/share/serviceradar-edge-server/edge-server.jar")
                + " --debug\n");
  }
}
