package com.serviceradar.edge.cli;

import com.serviceradar.edge.testing.NatsServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An edge host set up by {@code provision --install --prefix DIR --no-service --wait 0}: the site
 * created, its bundle saved, verified and installed under {@code prefix}, on free loopback ports.
 * The leaf is not started; {@link #startLeaf()} runs nats-server on the installed conf.
 *
 * @param result what {@code provision} printed and its exit code, for the test to check
 */
record ProvisionedHost(
    Path prefix, Path bundle, int clientPort, int monitoringPort, CliRun.Result result) {

  /**
   * @param label names the host's folder ({@code <label>-host}) and bundle under {@code workDir}
   * @param leafUrlScheme {@code nats} or {@code tls} to give the site a NATS leaf URL on the client
   *     port, or null for none
   */
  static ProvisionedHost provision(
      CliRun cli, Path workDir, String label, String siteName, String leafUrlScheme) {
    Path prefix = workDir.resolve(label + "-host");
    Path bundle = workDir.resolve(label + ".tar.gz");
    int clientPort = NatsServerProcess.freePort();
    int monitoringPort = NatsServerProcess.freePort();
    List<String> args =
        new ArrayList<>(
            List.of(
                "provision",
                "--name",
                siteName,
                "--install",
                "--prefix",
                prefix.toString(),
                "--no-service",
                "--wait",
                "0",
                "--local-listen",
                "127.0.0.1:" + clientPort,
                "--monitoring-port",
                Integer.toString(monitoringPort),
                "-o",
                bundle.toString()));
    if (leafUrlScheme != null) {
      args.addAll(List.of("--nats-leaf-url", leafUrlScheme + "://127.0.0.1:" + clientPort));
    }
    CliRun.Result result = cli.run(args.toArray(String[]::new));
    return new ProvisionedHost(prefix, bundle, clientPort, monitoringPort, result);
  }

  Path conf() {
    return prefix.resolve("etc/nats/nats-leaf.conf");
  }

  NatsServerProcess startLeaf() throws IOException {
    return NatsServerProcess.startFromFile(
        conf(), clientPort, prefix.resolve("var/log/nats/nats-leaf.log"));
  }
}
