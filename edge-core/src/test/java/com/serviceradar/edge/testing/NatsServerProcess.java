package com.serviceradar.edge.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real nats-server (Debian's {@code /usr/sbin/nats-server} unless {@code -Dnats.server=…}) for
 * tests, always on a free loopback port: never 4222, where a server that is not ours runs.
 *
 * <p>{@link #start} writes {@code <name>.conf} into a (temporary) directory with a {@code listen}
 * line for the chosen port prepended, starts the server with its output captured in {@code
 * <name>.log}, and returns once the port accepts connections. {@link #close()} stops it.
 */
public final class NatsServerProcess implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";
  private static final int FOREIGN_PORT = 4222;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  // Below Linux's default ephemeral range (32768-60999).
  private static final int PORT_POOL_START = 12000;
  private static final int PORT_POOL_SIZE = 20000;
  private static final AtomicInteger nextPort =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(PORT_POOL_SIZE));

  private final Process process;
  private final String host;
  private final int port;
  private final Path configFile;
  private final Path logFile;
  private final Path serverLogFile;

  private NatsServerProcess(
      Process process, String host, int port, Path configFile, Path logFile, Path serverLogFile) {
    this.process = process;
    this.host = host;
    this.port = port;
    this.configFile = configFile;
    this.logFile = logFile;
    this.serverLogFile = serverLogFile;
  }

  /** The nats-server binary the tests run. */
  public static Path binary() {
    return Path.of(System.getProperty("nats.server", "/usr/sbin/nats-server"));
  }

  /**
   * A loopback port nothing listens on right now (never 4222).
   *
   * <p>Ports come from below the kernel's ephemeral range: a port the kernel hands out for {@code
   * bind(0)} can be taken by any outgoing connection (a leaf dialling its hub) between this call
   * and the server binding it. Each JVM starts at a random point and walks forward, so ports are
   * not handed out twice within a test run.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < PORT_POOL_SIZE; attempt++) {
      int port = PORT_POOL_START + Math.floorMod(nextPort.getAndIncrement(), PORT_POOL_SIZE);
      if (port != FOREIGN_PORT && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }

  /**
   * Writes the configuration (without {@code listen}/{@code port}: the client listener is added
   * here) and starts the server.
   *
   * @throws IllegalStateException with the server's log if it exits or does not listen in time
   */
  public static NatsServerProcess start(Path directory, String name, String config)
      throws IOException {
    int port = freePort();
    Path configFile = directory.resolve(name + ".conf");
    Path logFile = directory.resolve(name + ".log");
    Files.writeString(
        configFile, "listen: \"" + LOOPBACK + ":" + port + "\"\n" + config, StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(binary().toString(), "-c", configFile.toString())
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    NatsServerProcess server =
        new NatsServerProcess(process, LOOPBACK, port, configFile, logFile, null);
    server.awaitListening();
    return server;
  }

  /**
   * Starts a server from a complete configuration file as it is (its own {@code listen}, perhaps a
   * {@code logfile}), with {@code /} as working directory so that a relative path in it fails.
   * Returns once {@code clientPort} accepts connections.
   *
   * @param serverLogFile the configuration's {@code logfile}, or null when it logs to stdout
   * @throws IllegalStateException with the server's output if it exits or does not listen in time
   */
  public static NatsServerProcess startFromFile(Path configFile, int clientPort, Path serverLogFile)
      throws IOException {
    return startFromFile(List.of(), configFile, LOOPBACK, clientPort, serverLogFile);
  }

  /**
   * As {@link #startFromFile(Path, int, Path)}, run through {@code launcher} (such as {@code ip
   * netns exec <name>}, which execs the server in place, so {@link #pid()} stays the server's) and
   * waiting for its client listener on {@code clientHost}.
   */
  public static NatsServerProcess startFromFile(
      List<String> launcher, Path configFile, String clientHost, int clientPort, Path serverLogFile)
      throws IOException {
    if (clientPort == FOREIGN_PORT) {
      throw new IllegalArgumentException("port 4222 belongs to a server that is not ours");
    }
    Path logFile = configFile.resolveSibling(configFile.getFileName() + ".out");
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(binary().toString(), "-c", configFile.toString()));
    Process process =
        new ProcessBuilder(command)
            .directory(Path.of("/").toFile())
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    NatsServerProcess server =
        new NatsServerProcess(process, clientHost, clientPort, configFile, logFile, serverLogFile);
    server.awaitListening();
    return server;
  }

  /** Runs {@code nats-server -c <file> -t}, which checks a configuration and exits. */
  public static ConfigCheck checkConfig(Path configFile) throws IOException, InterruptedException {
    return checkConfig(configFile, configFile.getParent());
  }

  /**
   * As {@link #checkConfig(Path)} from another working directory: nats-server resolves relative
   * paths against it (NATS-FACTS.md).
   */
  public static ConfigCheck checkConfig(Path configFile, Path workingDirectory)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(binary().toString(), "-c", configFile.toString(), "-t")
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("nats-server -t did not exit: " + output);
    }
    return new ConfigCheck(process.exitValue(), output);
  }

  /** The outcome of {@link #checkConfig}. */
  public record ConfigCheck(int exitCode, String output) {}

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "nats-server exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 200);
        return;
      } catch (IOException notYet) {
        sleep(Duration.ofMillis(25));
      }
    }
    close();
    throw new IllegalStateException(
        "nats-server did not listen on " + host + ":" + port + ":\n" + log());
  }

  /** Waits until the log contains the text; false if it did not appear in time. */
  public boolean awaitLog(String text, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      if (log().contains(text)) {
        return true;
      }
      sleep(Duration.ofMillis(25));
    } while (System.nanoTime() < deadline);
    return false;
  }

  public String clientUrl() {
    return "nats://" + host + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path configFile() {
    return configFile;
  }

  /** Everything the server wrote so far (its output, then its log file if it has one). */
  public String log() throws IOException {
    String output = Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    if (serverLogFile != null && Files.exists(serverLogFile)) {
      output += Files.readString(serverLogFile, StandardCharsets.UTF_8);
    }
    return output;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The server's process id, to signal it (SIGSTOP freezes a leaf into a half-open link). */
  public long pid() {
    return process.pid();
  }

  /** Kills the server at once (SIGKILL), as a crash or power loss would. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
