package com.serviceradar.edge.server.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on a free loopback port: records every request and answers with the queued
 * statuses, then 200. Checks signatures on its own, not with the code under test.
 */
final class WebhookReceiver implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as it arrived. */
  record Request(String contentType, String timestamp, String signature, String body) {

    JsonNode json() {
      return JSON.readTree(body);
    }

    String field(String name) {
      JsonNode node = json().get(name);
      return node == null || node.isNull() ? null : node.asString();
    }

    boolean signedWith(String secret) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected =
            ("sha256="
                    + HexFormat.of()
                        .formatHex(
                            mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.US_ASCII);
        return signature != null
            && MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    boolean timestampIsCurrent() {
      long sent = Long.parseLong(timestamp);
      return Math.abs(Instant.now().getEpochSecond() - sent) <= 300;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Integer> statuses = new ArrayDeque<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(
          "/hook",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            receiver.requests.add(
                new Request(
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-ServiceRadar-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-ServiceRadar-Signature"),
                    body));
            int status = receiver.nextStatus();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers the next requests with these statuses, in order. */
  synchronized WebhookReceiver answering(Integer... next) {
    statuses.addAll(List.of(next));
    return this;
  }

  private synchronized int nextStatus() {
    return statuses.isEmpty() ? 200 : statuses.removeFirst();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(Predicate<Request> filter) {
    return requests.stream().filter(filter).toList();
  }

  /** Waits until {@code count} requests arrived; fails after {@code within}. */
  List<Request> awaitRequests(int count, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (requests.size() < count) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "expected " + count + " webhook requests within " + within + ", got " + requests());
      }
      Thread.sleep(20);
    }
    return requests();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
