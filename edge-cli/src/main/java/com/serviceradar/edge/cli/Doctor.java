package com.serviceradar.edge.cli;

import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.LeafChecks;
import com.serviceradar.edge.verify.LeafConf;
import com.serviceradar.edge.verify.LeafMaterial;
import com.serviceradar.edge.verify.LeafMaterial.Role;
import com.serviceradar.edge.verify.NatsServerBinary;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of {@code doctor} on an installed leaf, in order. Offline checks come from edge-core's
 * {@link LeafChecks}; the rest look at this host's network, the local nats-server and, when an API
 * is configured, the control plane.
 */
final class Doctor {

  static final String CONFIG = "configuration file";
  static final String FILES = "files present";
  static final String MODES = "key and creds file modes";
  static final String CONFIG_TEST = "nats-server -t";
  static final String DNS = "hub DNS";
  static final String TCP = "hub TCP reach";
  static final String TLS = "hub TLS handshake";
  static final String CLOCK = "clock skew";
  static final String PROCESS = "local leaf process";
  static final String UPSTREAM = "upstream connected";

  /** Beyond this the certificates' backdating (5 min) no longer covers a slow clock. */
  static final Duration SKEW_FAIL = Duration.ofMinutes(5);

  static final Duration SKEW_WARN = Duration.ofSeconds(30);

  static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(3);

  private final Path configFile;
  private final Optional<ApiClient> api;

  Doctor(Path configFile, Optional<ApiClient> api) {
    this.configFile = configFile.toAbsolutePath().normalize();
    this.api = api;
  }

  List<Check> run() {
    List<Check> checks = new ArrayList<>();
    String confText;
    try {
      confText = Files.readString(configFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      checks.add(
          Check.fail(
              CONFIG,
              "cannot read " + configFile + " (" + e.getClass().getSimpleName() + ")",
              "give the installed config with --config FILE, or install the bundle (setup.sh)"));
      return checks;
    }
    LeafConf conf = LeafConf.parse(confText);
    Map<Role, Path> paths = paths(conf);
    Optional<String> url = conf.remote("url");
    if (url.isEmpty() || paths.size() < Role.values().length) {
      checks.add(
          Check.fail(
              CONFIG,
              configFile + " lacks a leafnodes remote with url, credentials and tls files",
              "reinstall the site's bundle: it replaces the file"));
      return checks;
    }
    checks.add(
        Check.pass(
            CONFIG,
            configFile
                + ": leaf "
                + conf.top("server_name").orElse("(unnamed)")
                + " -> "
                + url.get()));
    Map<Role, String> texts = new EnumMap<>(Role.class);
    checks.add(files(paths, texts));
    checks.add(modes(paths));
    LeafMaterial material = new LeafMaterial(confText, texts);
    checks.addAll(LeafChecks.run(material, Instant.now()));
    checks.add(configTest());
    checks.add(NatsServerVersion.check(NatsServerBinary.find()));
    URI upstream = URI.create(url.get());
    Optional<InetAddress> address = HubReach.dns(upstream.getHost(), checks);
    boolean reachable = address.isPresent() && HubReach.tcp(address.get(), upstream, checks);
    checks.add(
        reachable
            ? HubReach.tls(address.get(), upstream, texts)
            : Check.skip(TLS, "the hub is not reachable"));
    checks.add(clockSkew());
    Optional<Integer> monitoringPort = conf.monitoringPort();
    Optional<JsonValue> varz = LocalMonitoring.monitoring(monitoringPort, "varz");
    checks.add(process(monitoringPort, varz, conf));
    checks.add(ListenPort.check(conf, varz));
    checks.add(upstream(monitoringPort, varz.isPresent(), url.get()));
    checks.add(new ConfigDrift(configFile, api).check(material, confText));
    return checks;
  }

  /** Where the installed conf puts each of the leaf's files. */
  static Map<Role, Path> paths(LeafConf conf) {
    Map<Role, Path> paths = new EnumMap<>(Role.class);
    conf.top("cert_file").ifPresent(path -> paths.put(Role.SERVER_CERT, Path.of(path)));
    conf.top("key_file").ifPresent(path -> paths.put(Role.SERVER_KEY, Path.of(path)));
    conf.top("ca_file")
        .or(() -> conf.remote("ca_file"))
        .ifPresent(path -> paths.put(Role.CA_CHAIN, Path.of(path)));
    conf.remote("cert_file").ifPresent(path -> paths.put(Role.LEAF_CERT, Path.of(path)));
    conf.remote("key_file").ifPresent(path -> paths.put(Role.LEAF_KEY, Path.of(path)));
    conf.remote("credentials").ifPresent(path -> paths.put(Role.CREDS, Path.of(path)));
    return paths;
  }

  private static Check files(Map<Role, Path> paths, Map<Role, String> texts) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Role, Path> entry : paths.entrySet()) {
      try {
        texts.put(entry.getKey(), Files.readString(entry.getValue(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        missing.add(entry.getValue().toString());
      }
    }
    if (!missing.isEmpty()) {
      return Check.fail(
          FILES,
          "cannot read " + String.join(", ", missing),
          "reinstall the site's bundle (setup.sh or serviceradar-edge install)");
    }
    return Check.pass(
        FILES, "the " + paths.size() + " certificate, key and creds files are readable");
  }

  private static Check modes(Map<Role, Path> paths) {
    for (Role role : List.of(Role.SERVER_KEY, Role.LEAF_KEY, Role.CREDS)) {
      Path path = paths.get(role);
      try {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        boolean open =
            permissions.stream()
                .anyMatch(
                    permission ->
                        permission.name().startsWith("GROUP")
                            || permission.name().startsWith("OTHERS"));
        if (open) {
          return Check.fail(
              MODES,
              path
                  + " is "
                  + PosixFilePermissions.toString(permissions)
                  + ": others on this host can read a secret",
              "chmod 600 " + path);
        }
      } catch (IOException e) {
        return Check.fail(MODES, "cannot read the mode of " + path, "reinstall the site's bundle");
      }
    }
    return Check.pass(MODES, "both keys and tenant.creds are 0600 or stricter");
  }

  private Check configTest() {
    Optional<NatsServerBinary> binary = NatsServerBinary.find();
    if (binary.isEmpty()) {
      return Check.skip(
          CONFIG_TEST, "nats-server is not installed here (apt-get install nats-server)");
    }
    try {
      NatsServerBinary.ConfigTest result = binary.get().test(configFile, Path.of("/"));
      return result.passed()
          ? Check.pass(CONFIG_TEST, binary.get().path() + " accepts " + configFile)
          : Check.fail(
              CONFIG_TEST,
              "nats-server refuses the configuration: "
                  + NatsServerBinary.lastLine(result.output()),
              "reinstall the site's bundle; do not edit nats-leaf.conf by hand");
    } catch (IOException e) {
      return Check.warn(CONFIG_TEST, "could not run nats-server -t: " + e.getMessage(), "");
    }
  }

  private Check clockSkew() {
    if (api.isEmpty()) {
      return Check.skip(
          CLOCK, "no control plane configured (login, or EDGE_API_URL/EDGE_API_TOKEN)");
    }
    Instant before = Instant.now();
    Optional<String> date;
    try {
      date = api.get().serverDate();
    } catch (ExitException e) {
      return Check.fail(CLOCK, e.getMessage(), "check the API URL and this host's outbound HTTPS");
    }
    Instant after = Instant.now();
    if (date.isEmpty()) {
      return Check.warn(CLOCK, "the control plane sent no Date header", "");
    }
    Instant server =
        ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    Instant local = before.plus(Duration.between(before, after).dividedBy(2));
    // The Date header has whole seconds: allow one for rounding.
    Duration skew = Duration.between(server, local).abs().minusSeconds(1);
    skew = skew.isNegative() ? Duration.ZERO : skew;
    String detail = "this host's clock is within " + skew.toSeconds() + " s of the control plane's";
    if (skew.compareTo(SKEW_FAIL) > 0) {
      return Check.fail(
          CLOCK,
          "this host's clock is "
              + skew.toSeconds()
              + " s off the control plane's: certificates"
              + " and JWTs may look expired or not yet valid",
          "enable time sync (timedatectl set-ntp true)");
    }
    if (skew.compareTo(SKEW_WARN) > 0) {
      return Check.warn(CLOCK, detail, "enable time sync (timedatectl set-ntp true)");
    }
    return Check.pass(CLOCK, detail);
  }

  private Check process(Optional<Integer> port, Optional<JsonValue> varz, LeafConf conf) {
    if (port.isEmpty()) {
      return Check.fail(
          PROCESS, "nats-leaf.conf has no http monitoring port", "reinstall the site's bundle");
    }
    if (varz.isEmpty()) {
      return Check.fail(
          PROCESS,
          "nothing answers on http://127.0.0.1:"
              + port.get()
              + "/varz: nats-server is not running"
              + " with this configuration",
          "start it: systemctl start serviceradar-nats-leaf, or nats-server -c " + configFile);
    }
    String name = Json.text(varz.get(), "server_name", "");
    String expected = conf.top("server_name").orElse("");
    if (!expected.isEmpty() && !expected.equals(name)) {
      return Check.fail(
          PROCESS,
          "the server on port " + port.get() + " is " + name + ", not " + expected,
          "stop the other server, or start this leaf: nats-server -c " + configFile);
    }
    return Check.pass(
        PROCESS,
        name
            + " runs (nats-server "
            + Json.text(varz.get(), "version", "?")
            + ", monitoring port "
            + port.get()
            + ")");
  }

  private static Check upstream(Optional<Integer> port, boolean running, String url) {
    if (!running) {
      return Check.skip(UPSTREAM, "the local leaf is not running");
    }
    Optional<JsonValue> leafz = LocalMonitoring.monitoring(port, "leafz");
    int leafnodes =
        leafz
            .map(body -> Json.at(body, "leafnodes"))
            .map(value -> value.number)
            .map(Number::intValue)
            .orElse(0);
    if (leafnodes < 1) {
      return Check.fail(
          UPSTREAM,
          "the leaf has no connection to " + url + " (/leafz leafnodes 0)",
          "read the leaf's log (see README.md, Troubleshooting); the checks above name the cause");
    }
    return Check.pass(UPSTREAM, "/leafz reports " + leafnodes + " connection(s) to the hub");
  }
}
