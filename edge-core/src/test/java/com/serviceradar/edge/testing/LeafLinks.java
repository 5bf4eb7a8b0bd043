package com.serviceradar.edge.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tenant's leaf links as the hub reports them to its system account, read as the control plane's
 * monitor reads them (NATS-FACTS.md, "Health signals on the hub"): {@code
 * $SYS.ACCOUNT.<account>.CONNECT} and {@code .DISCONNECT} events of {@code Leafnode} connections,
 * each stamped with {@link System#nanoTime()} when it arrived, and CONNZ for what is open now.
 */
public final class LeafLinks implements AutoCloseable {

  private static final Duration LINK_TIMEOUT = Duration.ofSeconds(15);

  /** One leaf connect or disconnect. */
  public record Event(Kind kind, String serverName, String reason, long arrivedNanos) {}

  /** Which event. */
  public enum Kind {
    CONNECT,
    DISCONNECT
  }

  private final Connection system;
  private final Dispatcher dispatcher;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

  private LeafLinks(Connection system, String account) throws InterruptedException {
    this.system = system;
    dispatcher = system.createDispatcher(this::onEvent);
    dispatcher.subscribe("$SYS.ACCOUNT." + account + ".CONNECT");
    dispatcher.subscribe("$SYS.ACCOUNT." + account + ".DISCONNECT");
    try {
      system.flush(Duration.ofSeconds(5));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the hub did not confirm the event subscriptions", e);
    }
  }

  /** Starts recording the account's leaf events on a system-account connection. */
  public static LeafLinks watch(Connection system, String account) throws InterruptedException {
    return new LeafLinks(system, account);
  }

  private void onEvent(Message message) {
    long arrived = System.nanoTime();
    Map<String, JsonValue> event = JsonParser.parseUnchecked(message.getData()).map;
    Map<String, JsonValue> client = event.get("client").map;
    if (!"Leafnode".equals(text(client, "kind"))) {
      return;
    }
    Kind kind = message.getSubject().endsWith(".DISCONNECT") ? Kind.DISCONNECT : Kind.CONNECT;
    events.add(new Event(kind, text(client, "name"), text(event, "reason"), arrived));
  }

  /** The next event of this kind for the leaf, waiting up to the timeout; others are skipped. */
  public Optional<Event> next(Kind kind, String serverName, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event == null) {
        return Optional.empty();
      }
      if (event.kind() == kind && event.serverName().equals(serverName)) {
        return Optional.of(event);
      }
    }
  }

  /** Every event recorded and not yet taken, oldest first; takes them. */
  public List<Event> drain() {
    List<Event> taken = new ArrayList<>();
    events.drainTo(taken);
    return taken;
  }

  /** Waits until the hub lists an open leaf connection of this server name in the account. */
  public static boolean awaitLinked(Connection system, String account, String serverName)
      throws InterruptedException {
    long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
    do {
      if (linked(system, account, serverName)) {
        return true;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return false;
  }

  private static boolean linked(Connection system, String account, String serverName)
      throws InterruptedException {
    Message reply;
    try {
      reply =
          system.request(
              "$SYS.REQ.ACCOUNT." + account + ".CONNZ",
              "{\"auth\":true}".getBytes(UTF_8),
              Duration.ofSeconds(2));
    } catch (RuntimeException noReply) {
      return false;
    }
    if (reply == null) {
      return false;
    }
    JsonValue data = JsonParser.parseUnchecked(reply.getData()).map.get("data");
    JsonValue connections = data == null ? null : data.map.get("connections");
    List<JsonValue> open =
        connections == null || connections.array == null ? List.of() : connections.array;
    return open.stream().anyMatch(c -> serverName.equals(text(c.map, "name")));
  }

  private static String text(Map<String, JsonValue> object, String key) {
    JsonValue value = object.get(key);
    return value == null || value.string == null ? "" : value.string;
  }

  @Override
  public void close() {
    system.closeDispatcher(dispatcher);
  }
}
