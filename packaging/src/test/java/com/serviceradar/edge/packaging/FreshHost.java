package com.serviceradar.edge.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh Debian host to install on: a throwaway copy of the cached root that {@code
 * scripts/debian-root.sh} makes, entered with chroot. The copy is an overlay mount (the cache is
 * its read-only lower layer, so it stays pristine and the copy is made in no time) with {@code
 * /proc} mounted inside, the host's {@code /etc/resolv.conf} for apt, and a {@code systemctl} test
 * double, as no init runs here. The host shares this machine's network: its loopback is ours.
 *
 * <p>Needs root. {@link #close()} ends every process whose root is the copy and unmounts
 * everything, also after a failure; {@link #create} first clears what a killed run left behind.
 */
final class FreshHost implements AutoCloseable {

  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** debootstrap takes about a minute here; a slow mirror may take several. */
  private static final Duration CACHE_TIMEOUT = Duration.ofMinutes(10);

  private final Path work;
  private final Path root;
  private final Thread unmountAtExit;

  private FreshHost(Path work) {
    this.work = work;
    this.root = work.resolve("root");
    this.unmountAtExit = new Thread(this::close, "fresh-host-unmount");
  }

  /** The outcome of a command run inside: exit code and stdout and stderr together. */
  record Result(int exitCode, String output) {}

  /**
   * The cached Debian 12 root that {@code script} (scripts/debian-root.sh) prints, made by it first
   * when missing.
   */
  static Path cachedRoot(Path script) {
    Result made = exec(List.of(script.toString()), CACHE_TIMEOUT);
    if (made.exitCode() != 0) {
      throw new IllegalStateException(
          script + " could not make the cached Debian 12 root:\n" + made.output());
    }
    List<String> lines = made.output().strip().lines().toList();
    return Path.of(lines.get(lines.size() - 1));
  }

  /** Mounts a copy of {@code cachedRoot} at {@code work/root}, with upper and work dirs beside. */
  static FreshHost create(Path cachedRoot, Path work) throws IOException {
    clearLeftovers(work);
    Files.createDirectories(work);
    // The kernel names a process's root by its real path (processes()).
    FreshHost host = new FreshHost(work.toRealPath());
    Files.createDirectories(host.root);
    Files.createDirectories(host.work.resolve("upper"));
    Files.createDirectories(host.work.resolve("overlay-work"));
    Runtime.getRuntime().addShutdownHook(host.unmountAtExit);
    try {
      host.mountCopy(cachedRoot);
      host.installSystemctlDouble();
      Files.copy(
          Path.of("/etc/resolv.conf"),
          host.root.resolve("etc/resolv.conf"),
          StandardCopyOption.REPLACE_EXISTING);
      return host;
    } catch (IOException | RuntimeException e) {
      host.close();
      throw e;
    }
  }

  /** A path inside the host, e.g. {@code file("/root/join-token")}. */
  Path file(String absolutePath) {
    return root.resolve(absolutePath.substring(1));
  }

  /** Runs {@code script} with {@code sh -c} as root inside, with a login's clean environment. */
  Result run(String script, Duration timeout) {
    return exec(
        List.of(
            "chroot",
            root.toString(),
            "env",
            "-i",
            "PATH=" + PATH,
            "HOME=/root",
            "LANG=C.UTF-8",
            "sh",
            "-c",
            script),
        timeout);
  }

  /** The processes running inside: those whose root directory is the copy. */
  List<ProcessHandle> processes() {
    return ProcessHandle.allProcesses().filter(this::runsInside).toList();
  }

  private boolean runsInside(ProcessHandle process) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "root"))
          .equals(root);
    } catch (IOException | UnsupportedOperationException goneOrNotOurs) {
      return false;
    }
  }

  private void mountCopy(Path cachedRoot) {
    String layers =
        "lowerdir="
            + cachedRoot
            + ",upperdir="
            + work.resolve("upper")
            + ",workdir="
            + work.resolve("overlay-work");
    mustRun(
        List.of("mount", "-t", "overlay", "overlay", "-o", layers, root.toString()),
        "cannot mount an overlay copy of the cached root: needs root and overlayfs");
    mustRun(
        List.of("mount", "-t", "proc", "proc", root.resolve("proc").toString()),
        "cannot mount /proc in the copy");
    // apt-get logs through a pseudo-terminal; a private devpts instance leaves the host's alone.
    mustRun(
        List.of(
            "mount",
            "-t",
            "devpts",
            "-o",
            "newinstance,ptmxmode=0666",
            "devpts",
            root.resolve("dev/pts").toString()),
        "cannot mount /dev/pts in the copy");
  }

  private void installSystemctlDouble() throws IOException {
    Path systemctl = file("/usr/local/sbin/systemctl");
    try (InputStream script = FreshHost.class.getResourceAsStream("systemctl")) {
      Files.copy(script, systemctl, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /**
   * Ends every process inside, then unmounts {@code /proc} and the copy (lazily, if still busy).
   */
  @Override
  public void close() {
    stopProcessesInside();
    unmountLeftovers(work);
    try {
      Runtime.getRuntime().removeShutdownHook(unmountAtExit);
    } catch (IllegalStateException alreadyShuttingDown) {
      // called by the hook itself
    }
  }

  private void stopProcessesInside() {
    List<ProcessHandle> inside = processes();
    inside.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle process : inside) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception stillRunning) {
        process.destroyForcibly();
      }
    }
  }

  /** Unmounts whatever is mounted under {@code work}, deepest first: a killed run's mounts too. */
  private static void unmountLeftovers(Path work) {
    List<String> mountPoints = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String mountPoint = line.split(" ")[4];
        if (mountPoint.startsWith(work.toString() + "/")) {
          mountPoints.add(mountPoint);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/mountinfo", e);
    }
    mountPoints.sort(Comparator.comparing(String::length).reversed());
    mountPoints.forEach(mountPoint -> exec(List.of("umount", "--lazy", mountPoint), STOP_GRACE));
  }

  /**
   * Unmounts what a run killed before its {@link #close()} left mounted under {@code directory},
   * then deletes the directory: deleting first would descend into a mounted {@code /proc}.
   */
  static void clearLeftovers(Path directory) throws IOException {
    unmountLeftovers(directory);
    deleteTree(directory);
  }

  private static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void mustRun(List<String> command, String failure) {
    Result result = exec(command, STOP_GRACE);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          failure
              + " ("
              + String.join(" ", command)
              + " exited "
              + result.exitCode()
              + "):\n"
              + result.output());
    }
  }

  private static Result exec(List<String> command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // Read on the side: a command past its timeout may hold its output open.
      StringBuilder output = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try (InputStream out = process.getInputStream()) {
                  output.append(new String(out.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException closed) {
                  // the process was killed
                }
              });
      reader.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        reader.join(STOP_GRACE.toMillis());
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in " + timeout + ":\n" + output);
      }
      reader.join();
      return new Result(process.exitValue(), output.toString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }
}
