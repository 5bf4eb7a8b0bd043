package com.serviceradar.edge.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A host for install.sh that changes nothing on this machine: the script runs as {@code curl | sh
 * -s --} does (its text on standard input), in a private mount namespace whose {@code /etc} is a
 * temporary folder, with a PATH of stubs that record each call and its standard input ({@code id},
 * {@code dpkg}, {@code apt-get}, {@code curl}, {@code serviceradar-edge}) and the few real tools
 * the script uses.
 */
final class InstallSandbox {

  static final URI CONTROL_PLANE = URI.create("https://edge.example.com");

  private static final List<String> REAL_TOOLS = List.of("mktemp", "chmod", "head", "sed", "rm");

  private static final String RECORD = "printf '%s\\n' \"${0##*/} $*\" >>\"$CALLS\"\n";

  private static final Map<String, String> STUBS =
      Map.of(
          "id",
          "#!/bin/sh\necho \"${STUB_UID:-0}\"\n",
          "dpkg",
          "#!/bin/sh\n" + RECORD + "echo amd64\n",
          "apt-get",
          """
          #!/bin/sh
          printf 'apt-get %s\\n' "$(printf '%s' "$*" | /bin/sed 's|/[^ ]*/serviceradar-edge-agent.deb|<agent.deb>|')" >>"$CALLS"
          case "$*" in
            'install -y nats-server') printf '#!/bin/sh\\n' >"${0%/*}/nats-server"; /bin/chmod +x "${0%/*}/nats-server" ;;
          esac
          """,
          "curl",
          """
          #!/bin/sh
          while [ $# -gt 1 ]; do
            case $1 in -o) out=$2; shift ;; esac
            shift
          done
          printf 'curl %s\\n' "$1" >>"$CALLS"
          if [ "${STUB_HTTP_STATUS:-200}" = 200 ]; then
            /bin/cp "$STUB_DOWNLOAD" "$out"
          else
            printf '{"title":"Not Found","status":%s,"detail":"the agent package is not published here"}' "$STUB_HTTP_STATUS" >"$out"
          fi
          printf '%s' "${STUB_HTTP_STATUS:-200}"
          """,
          "serviceradar-edge",
          """
          #!/bin/sh
          printf 'serviceradar-edge %s <stdin:%s>\\n' "$*" "$(/bin/cat)" >>"$CALLS"
          case $1 in
            enroll)
              /bin/mkdir -p /etc/serviceradar-edge
              echo '{}' >/etc/serviceradar-edge/agent.json
              [ -z "${STUB_ENROLL_FAILS:-}" ] || { echo kept >/etc/serviceradar-edge/enrolled-bundle.tar.gz; exit 1; } ;;
            sync) exit "${STUB_SYNC_EXIT:-0}" ;;
          esac
          """);

  /** What one run printed and returned. */
  record Run(int exitCode, String output) {}

  private final Path bin;
  private final Path etc;
  private final Path calls;
  private final Path download;
  private final String script;
  private final Map<String, String> environment = new HashMap<>();

  InstallSandbox(Path directory) throws IOException {
    assertThat(System.getProperty("user.name"))
        .as("install.sh runs in a mount namespace of its own, which needs root (as CI runs)")
        .isEqualTo("root");
    bin = Files.createDirectory(directory.resolve("bin"));
    etc = Files.createDirectory(directory.resolve("etc"));
    calls = directory.resolve("calls");
    download = directory.resolve("download");
    Files.writeString(download, "!<arch>\ndebian-binary   0  0  0  100644  4  `\n2.0\n");
    Files.writeString(calls, "");
    for (Map.Entry<String, String> stub : STUBS.entrySet()) {
      Path file = bin.resolve(stub.getKey());
      Files.writeString(file, stub.getValue());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (String tool : REAL_TOOLS) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("/bin", tool));
    }
    script = InstallScript.render(CONTROL_PLANE);
    environment.put("PATH", bin.toString());
    environment.put("CALLS", calls.toString());
    environment.put("STUB_DOWNLOAD", download.toString());
    environment.put("SANDBOX_ETC", etc.toString());
  }

  /** Sets a stub's behaviour for the following runs (STUB_UID, STUB_HTTP_STATUS, ...). */
  InstallSandbox with(String variable, String value) {
    environment.put(variable, value);
    return this;
  }

  InstallSandbox without(String tool) throws IOException {
    Files.delete(bin.resolve(tool));
    return this;
  }

  /** The downloaded "package" is this text instead of a .deb's start. */
  InstallSandbox downloadServes(String content) throws IOException {
    Files.writeString(download, content);
    return this;
  }

  /** The sandbox's /etc, as the script saw it. */
  Path etc() {
    return etc;
  }

  /** Each stub call, one per line, in order: the program, its arguments, its standard input. */
  List<String> calls() throws IOException {
    return Files.readAllLines(calls);
  }

  Run run(String... arguments) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/unshare",
                "--mount",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                "/bin/mount --bind \"$SANDBOX_ETC\" /etc && exec /bin/sh -s -- \"$@\"",
                "sh"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(script.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("install.sh did not finish: " + output);
    }
    return new Run(process.exitValue(), output);
  }
}
