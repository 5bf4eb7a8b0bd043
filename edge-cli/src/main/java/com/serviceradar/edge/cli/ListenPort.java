package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.LeafConf;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Doctor's check of the leaf's local listen port: held by this leaf, or free for it. On a fresh
 * Debian or Ubuntu host the distribution's own {@code nats-server.service} holds 127.0.0.1:4222,
 * the leaf cannot bind and restarts in a loop while {@code nats-server -t} passes (NATS-FACTS.md).
 */
final class ListenPort {

  static final String NAME = "local listen port";

  static final String DISTRO_SERVICE = "nats-server.service";

  private static final Pattern SS_PROCESS = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");
  private static final Pattern CGROUP_SERVICE = Pattern.compile("(?m)^0::.*/([^/]+\\.service)$");

  /** Who holds the port, as far as ss and /proc tell. */
  record Holder(String process, long pid, Optional<String> unit) {
    @Override
    public String toString() {
      return process + " (pid " + pid + unit.map(name -> ", " + name).orElse("") + ")";
    }
  }

  private ListenPort() {}

  /**
   * @param varz the local leaf's {@code /varz}, when something answers on its monitoring port
   */
  static Check check(LeafConf conf, Optional<JsonValue> varz) {
    Optional<Integer> port =
        conf.top("listen")
            .map(listen -> listen.substring(listen.lastIndexOf(':') + 1))
            .filter(value -> value.matches("\\d{1,5}"))
            .map(Integer::valueOf);
    if (port.isEmpty()) {
      return Check.fail(NAME, "nats-leaf.conf has no listen port", "reinstall the site's bundle");
    }
    String serverName = conf.top("server_name").orElse("");
    if (varz.isPresent()
        && Json.text(varz.get(), "port", "").equals(port.get().toString())
        && Json.text(varz.get(), "server_name", "").equals(serverName)) {
      return Check.pass(NAME, "port " + port.get() + " is held by this leaf, " + serverName);
    }
    if (isFree(port.get())) {
      return Check.pass(NAME, "port " + port.get() + " is free for the leaf");
    }
    Optional<Holder> holder = holder(port.get());
    if (holder.isEmpty()) {
      return Check.fail(
          NAME,
          "port " + port.get() + " is held by another process (run doctor as root to name it)",
          "free the port (ss -ltnp 'sport = :" + port.get() + "'), then restart the leaf");
    }
    boolean distro = holder.get().unit().filter(DISTRO_SERVICE::equals).isPresent();
    boolean maybeDistro = distro || holder.get().process().equals("nats-server");
    return Check.fail(
        NAME,
        "port "
            + port.get()
            + " is held by "
            + holder.get()
            + ", not by this leaf"
            + (distro
                ? ": the distribution's own NATS server, started when its package was installed"
                : ""),
        (maybeDistro
                ? (distro ? "" : "if it is " + DISTRO_SERVICE + ": ")
                    + "sudo systemctl disable --now "
                    + DISTRO_SERVICE
                    + " (or run setup.sh --replace-distro-service)"
                : "stop it, or give the site's leaf another local port")
            + ", then restart the leaf (systemctl restart serviceradar-nats-leaf)");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      // In use, or a port below 1024 without the right to bind it: either way ss says more.
      return false;
    }
  }

  /** The listener on {@code port} per {@code ss -ltnp}, with its systemd service from /proc. */
  static Optional<Holder> holder(int port) {
    String listeners;
    try {
      Process ss =
          new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
      listeners = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!ss.waitFor(5, TimeUnit.SECONDS)) {
        ss.destroyForcibly();
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    Matcher process = SS_PROCESS.matcher(listeners);
    if (!process.find()) {
      return Optional.empty();
    }
    long pid = Long.parseLong(process.group(2));
    return Optional.of(new Holder(process.group(1), pid, unitOf(pid)));
  }

  private static Optional<String> unitOf(long pid) {
    try {
      Matcher unit =
          CGROUP_SERVICE.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")));
      return unit.find() ? Optional.of(unit.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
