package com.serviceradar.edge.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * An edge site's network for partition tests: a Linux network namespace joined to this host by two
 * veth pairs with addresses from 10.213.0.0/16 that no one else uses. The <em>WAN</em> pair carries
 * the leaf's link to the hub and can be cut without a FIN reaching either side; the <em>LAN</em>
 * pair is where collectors (this JVM) reach the leaf, and stays up, as a site's own network does
 * when its uplink fails.
 *
 * <p>Needs root and iproute2 ({@link #available()}). Names and subnets are random, so parallel runs
 * do not collide; {@link #close()} deletes the namespace and both pairs, also after a failure.
 */
public final class NetworkNamespace implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
  private static final String IP =
      Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
          .filter(candidate -> Files.isExecutable(Path.of(candidate)))
          .findFirst()
          .orElse("ip");

  private final String name;
  private final String wanVeth;
  private final String lanVeth;
  private final String prefix;
  private final int base;
  private boolean dropping;

  private NetworkNamespace(String name, String suffix, String prefix, int base) {
    this.name = name;
    this.wanVeth = "srw" + suffix;
    this.lanVeth = "srl" + suffix;
    this.prefix = prefix;
    this.base = base;
  }

  /** True when this process is root and {@code ip netns} works. */
  public static boolean available() {
    try {
      return Command.run(TEMP, List.of("id", "-u")).output().strip().equals("0")
          && Command.run(TEMP, List.of(IP, "netns", "list")).exitCode() == 0;
    } catch (IllegalStateException noIproute) {
      return false;
    }
  }

  /** Creates the namespace and both pairs, up, with loopback up inside. */
  public static NetworkNamespace create() {
    for (int attempt = 0; attempt < 20; attempt++) {
      byte[] id = new byte[4];
      RANDOM.nextBytes(id);
      String suffix = HexFormat.of().formatHex(id);
      NetworkNamespace namespace =
          new NetworkNamespace(
              "sr-" + suffix,
              suffix,
              "10.213." + RANDOM.nextInt(256) + ".",
              RANDOM.nextInt(32) * 8);
      if (namespace.inUse()) {
        continue;
      }
      try {
        namespace.setUp();
        return namespace;
      } catch (RuntimeException e) {
        namespace.close();
        throw e;
      }
    }
    throw new IllegalStateException("no free 10.213.x.y/29 for a test namespace");
  }

  /** True when any of this namespace's addresses is already on this host (another run's). */
  private boolean inUse() {
    String addresses = Command.run(TEMP, List.of(IP, "-4", "-o", "addr")).output();
    return Stream.of(hubAddress(), siteWanAddress(), lanHostAddress(), siteAddress())
        .anyMatch(address -> addresses.contains(" " + address + "/"));
  }

  private void setUp() {
    ip("netns", "add", name);
    ip("-n", name, "link", "set", "lo", "up");
    pair(wanVeth, "wan0", hubAddress(), siteWanAddress());
    pair(lanVeth, "lan0", lanHostAddress(), siteAddress());
  }

  private void pair(String hostSide, String siteSide, String hostAddress, String siteAddress) {
    ip("link", "add", hostSide, "type", "veth", "peer", "name", siteSide, "netns", name);
    ip("addr", "add", hostAddress + "/30", "dev", hostSide);
    ip("link", "set", hostSide, "up");
    ip("-n", name, "addr", "add", siteAddress + "/30", "dev", siteSide);
    ip("-n", name, "link", "set", siteSide, "up");
  }

  public String name() {
    return name;
  }

  /** This host's end of the WAN pair: where a hub reachable from the site listens. */
  public String hubAddress() {
    return prefix + (base + 1);
  }

  /** The site's end of the WAN pair. */
  public String siteWanAddress() {
    return prefix + (base + 2);
  }

  private String lanHostAddress() {
    return prefix + (base + 5);
  }

  /** The site's end of the LAN pair: where the leaf listens for collectors. */
  public String siteAddress() {
    return prefix + (base + 6);
  }

  /** The command prefix that runs a program inside the namespace. */
  public List<String> launcher() {
    return List.of(IP, "netns", "exec", name);
  }

  /** Cuts the WAN as a pulled cable does: the site's end goes down; nothing is sent either way. */
  public void unplugWan() {
    ip("-n", name, "link", "set", "wan0", "down");
  }

  public void plugWanBackIn() {
    ip("-n", name, "link", "set", "wan0", "up");
  }

  /**
   * Cuts the WAN as a failed router or firewall does: both links stay up, and every packet between
   * the site and the hub address is silently discarded (blackhole routes on both sides, as there
   * may be no iptables or nft).
   */
  public void dropWanPackets() {
    ip("route", "add", "blackhole", siteWanAddress() + "/32");
    ip("-n", name, "route", "add", "blackhole", hubAddress() + "/32");
    dropping = true;
  }

  public void stopDroppingWanPackets() {
    ip("route", "del", "blackhole", siteWanAddress() + "/32");
    ip("-n", name, "route", "del", "blackhole", hubAddress() + "/32");
    dropping = false;
  }

  /** Deletes the namespace (and so both pairs) and whatever is left on this host's side. */
  @Override
  public void close() {
    List<List<String>> steps = new ArrayList<>();
    if (dropping) {
      steps.add(List.of(IP, "route", "del", "blackhole", siteWanAddress() + "/32"));
    }
    steps.add(List.of(IP, "netns", "del", name));
    steps.add(List.of(IP, "link", "del", wanVeth));
    steps.add(List.of(IP, "link", "del", lanVeth));
    steps.forEach(step -> Command.run(TEMP, step)); // best effort: some are already gone
  }

  private static void ip(String... arguments) {
    List<String> command = new ArrayList<>(List.of(IP));
    command.addAll(List.of(arguments));
    Command.Result result = Command.run(TEMP, command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
    }
  }

  @Override
  public String toString() {
    return "NetworkNamespace[" + name + ", hub " + hubAddress() + ", site " + siteAddress() + "]";
  }
}
