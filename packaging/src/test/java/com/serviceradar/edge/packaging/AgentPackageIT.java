package com.serviceradar.edge.packaging;

import static com.serviceradar.edge.packaging.BuiltPackages.field;
import static com.serviceradar.edge.packaging.BuiltPackages.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serviceradar-edge_VERSION_ARCH.deb: the edge host's agent on its own jlink runtime. */
class AgentPackageIT {

  @TempDir static Path root;

  private static Path deb;
  private static Path files;
  private static Path noJdkPath;

  @BeforeAll
  static void unpack() throws Exception {
    String arch = run(root, "dpkg", "--print-architecture").strip();
    deb =
        BuiltPackages.file("serviceradar-edge_" + BuiltPackages.DEB_VERSION + "_" + arch + ".deb");
    BuiltPackages.unpack(deb, root);
    files = root.resolve("files");
    // The launcher needs readlink; bundle verify runs nats-server -t, as on an edge host.
    noJdkPath = BuiltPackages.pathWithOnly(root.resolve("no-jdk"), "readlink", "nats-server");
  }

  /** Runs the packaged launcher with an empty environment: no JAVA_HOME, no java on PATH. */
  private static Command.Result agent(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "env",
                "-i",
                "PATH=" + noJdkPath,
                "HOME=" + root,
                files.resolve("usr/bin/serviceradar-edge").toString()));
    command.addAll(List.of(args));
    return Command.run(root, command);
  }

  @Test
  void isTheEdgeHostsAgentAtTheMavenVersionNeedingNatsServer() {
    assertThat(field(deb, "Package")).isEqualTo("serviceradar-edge");
    assertThat(field(deb, "Version")).isEqualTo(BuiltPackages.DEB_VERSION);
    assertThat(field(deb, "Depends")).startsWith("nats-server");
  }

  @Test
  void launcherRunsTheCliOnItsOwnRuntimeWithoutAnyJdk() {
    Command.Result help = agent("--help");
    Command.Result version = agent("--version");

    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.output())
        .contains("Usage: serviceradar-edge")
        .contains("enroll", "sync", "renew");
    assertThat(version.output().strip()).isEqualTo("serviceradar-edge " + BuiltPackages.VERSION);
  }

  @Test
  void packagedAgentVerifiesARealBundle() throws Exception {
    TestSite site = new TestSite();
    Bundle bundle = site.bundle(site.config(17422, 14222, 18222));
    Path file = root.resolve(bundle.fileName());
    Files.write(file, bundle.toTarGz());

    Command.Result verify = agent("bundle", "verify", file.toString());

    // Reading the tar.gz, the certificates' EC keys and the JWTs needs every module the runtime
    // has.
    assertThat(verify.output())
        .contains("PASS  bundle layout", "PASS  manifest hashes", "PASS  leaf credentials")
        .doesNotContain("unexpected error");
  }

  @Test
  void runtimeIsStrippedAndCarriesTheEllipticCurvesForTls() {
    Path runtime = files.resolve("usr/lib/serviceradar-edge/runtime");

    String modules = run(root, runtime.resolve("bin/java").toString(), "--list-modules");

    assertThat(modules).contains("java.base@", "java.net.http@", "jdk.crypto.ec@");
    assertThat(modules).doesNotContain("java.desktop@");
    assertThat(runtime.resolve("man")).doesNotExist();
    assertThat(runtime.resolve("include")).doesNotExist();
  }

  @Test
  void everyFileIsRootsAndTheMaintainerScriptsAreShell() {
    String contents = run(root, "dpkg-deb", "-c", deb.toString());

    assertThat(contents.lines()).allSatisfy(line -> assertThat(line).contains(" root/root "));
    assertThat(contents).contains("-rwxr-xr-x root/root", "./usr/bin/serviceradar-edge\n");
    for (String script : List.of("prerm", "postrm")) {
      run(root, "sh", "-n", root.resolve("DEBIAN").resolve(script).toString());
    }
    run(root, "sh", "-n", files.resolve("usr/bin/serviceradar-edge").toString());
  }

  @Test
  void bashCompletesTheAgentsCommands() {
    Path completion = files.resolve("usr/share/bash-completion/completions/serviceradar-edge");

    run(root, "bash", "-n", completion.toString());
    String completed =
        run(
            root,
            "bash",
            "-c",
            "source \"$1\"; COMP_WORDS=(serviceradar-edge en); COMP_CWORD=1;"
                + " _complete_serviceradar-edge; printf '%s\\n' \"${COMPREPLY[@]}\"",
            "_",
            completion.toString());
    assertThat(completed.lines()).contains("enroll");
  }
}
