package com.serviceradar.edge.leafconfig;

import java.time.Duration;
import java.util.Objects;

/**
 * How a nats-server notices that a connection is dead although no FIN ever arrived (a cut cable, a
 * firewall or NAT silently dropping the flow): its server-wide {@code ping_interval} and {@code
 * ping_max}. Such a half-open link stays open until {@code ping_max} pings go unanswered
 * (NATS-FACTS.md, "Leaf rules"); with nats-server's defaults (2 minutes, 2) that is 4–6 minutes.
 *
 * <p><b>How nats-server 2.9.10 counts</b> ({@code client.go}, {@code processPingTimer}): a timer
 * fires every {@code ping_interval}. A PONG resets the count of outstanding pings to 0. Before
 * sending a PING the server closes the connection as {@code Stale Connection} if that would make
 * more than {@code ping_max} outstanding. The side that <em>solicited</em> a leaf link (the leaf)
 * pings on every tick; any other connection (the hub's side of a leaf link, clients) skips the
 * tick, and so the check, while it has had traffic within the last interval: inbound messages, a
 * PING from the other side, and in 2.9.10 also messages it <em>delivered</em> to that connection
 * (nats-server issue 4014, fixed in 2.9.16, which counts inbound traffic only).
 *
 * <p>So after the hub's last sign of life from a leaf at time {@code A} (at most one interval
 * before the cut, as the leaf pings every interval), its first check falls in {@code [A + P, A +
 * 2P)}, where it sends the first ping that goes unanswered, and it closes the link {@code ping_max}
 * ticks later: less than {@code (ping_max + 2) × P} after the cut ({@link #hubNoticesWithin()}).
 * Only {@code ping_max = 1} keeps that within {@code 3 × P}, as the edge-site spec asks. The leaf
 * closes its side within {@code (ping_max + 1) × P}. Measured with 2 s and 1 (LinkPartitionTest):
 * 2.7–5.9 s.
 *
 * <p><b>Caveat for nats-server 2.9.10 hubs:</b> while the hub keeps delivering messages to a
 * half-open leaf link more often than every {@code ping_interval}, it skips every check. A hub
 * stream sourcing the leaf's {@code EDGE_BUFFER} does exactly that: once the source stalls (3 s
 * without its heartbeat) it re-sends its consumer create request to the leaf's domain every ~5 s.
 * Measured on 2.9.10 with the hub's {@code EDGE_INGEST} sourcing the site: 6.2–7.2 s with a 2 s
 * interval (more than 3 × P), none within 90 s with a 6 s interval, and with {@link #HUB_DEFAULT}
 * the link ended only after 10 min 45 s, as {@code Slow Consumer (Write Deadline)} once the
 * unacknowledged requests filled the socket. Run the hub on nats-server 2.9.16 or newer, where only
 * inbound traffic skips a check; on older hubs the control plane notices instead, by probing the
 * leaf's JetStream through the link (edge-server {@code SiteBufferHealth#linkProbed}, {@code
 * EDGE_STORE_AND_FORWARD_SILENT_AFTER}).
 *
 * @param pingInterval whole seconds, between {@link #MIN_INTERVAL} and {@link #MAX_INTERVAL}
 * @param pingMax unanswered pings tolerated, between 1 and {@link #MAX_PINGS}
 */
public record LinkLiveness(Duration pingInterval, int pingMax) {

  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MAX_INTERVAL = Duration.ofHours(1);
  public static final int MAX_PINGS = 10;

  // After the bounds: static fields initialise in order, and the constructor reads them.
  /**
   * The hub: every 20 s, stale after 1 unanswered ping, so a silent partition shows as the site's
   * DISCONNECT ({@code Stale Connection}) within 20–60 s, under 3 × {@code ping_interval} (on a
   * 2.9.10 hub only while it does not source the site: see above). A slow WAN does not make it
   * flap: the hub pings a leaf only after a whole interval without traffic from it (the leaf pings
   * the hub every interval, so in practice rarely), and then only needs the PONG back within 20 s;
   * a busy uplink keeps resetting that interval with every message it completes.
   */
  public static final LinkLiveness HUB_DEFAULT = new LinkLiveness(Duration.ofSeconds(20), 1);

  /**
   * The leaf: every 20 s, stale after 3 unanswered pings (within 80 s). The leaf pings on every
   * tick whatever the traffic, and its PING queues behind everything it is still sending: after an
   * outage, catching up over a slow uplink can hold the PONG back for tens of seconds, and a leaf
   * that gave up then would drop and rebuild a healthy link, restarting the hub's source. Three
   * intervals leave 60 s for that; the hub, not the leaf, is what notices a partition quickly.
   */
  public static final LinkLiveness LEAF_DEFAULT = new LinkLiveness(Duration.ofSeconds(20), 3);

  public LinkLiveness {
    Objects.requireNonNull(pingInterval, "pingInterval");
    if (pingInterval.compareTo(MIN_INTERVAL) < 0
        || pingInterval.compareTo(MAX_INTERVAL) > 0
        || pingInterval.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "pingInterval must be whole seconds between "
              + MIN_INTERVAL.toSeconds()
              + " and "
              + MAX_INTERVAL.toSeconds()
              + " (got "
              + pingInterval
              + ")");
    }
    if (pingMax < 1 || pingMax > MAX_PINGS) {
      throw new IllegalArgumentException(
          "pingMax must be between 1 and " + MAX_PINGS + " (got " + pingMax + ")");
    }
  }

  /** {@code ping_interval} as nats-server's duration text, such as {@code 20s}. */
  public String pingIntervalText() {
    return pingInterval.toSeconds() + "s";
  }

  /**
   * The longest a silent link stays open at the hub: {@code (ping_max + 2) × ping_interval}. Holds
   * on nats-server 2.9.10 only while the hub delivers nothing to the link (see above).
   */
  public Duration hubNoticesWithin() {
    return pingInterval.multipliedBy(pingMax + 2L);
  }
}
