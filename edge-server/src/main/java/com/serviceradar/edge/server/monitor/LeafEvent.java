package com.serviceradar.edge.server.monitor;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A leaf connection event from {@code $SYS.ACCOUNT.<acc>.CONNECT} or {@code .DISCONNECT}
 * (nats-server 2.9). Only {@code client.kind == "Leafnode"} events are leaf events; the same
 * subjects carry every client of the account.
 *
 * @param userKey the leaf user's public key ({@code client.user})
 * @param nameTag the user JWT's name ({@code client.name_tag}), {@code leaf.<site>.<tenant>} for
 *     ours
 * @param reason why it disconnected ({@code Client Closed}, {@code Stale Connection}, ...); null on
 *     connect
 */
record LeafEvent(
    Type type,
    String account,
    String userKey,
    String serverName,
    String nameTag,
    OffsetDateTime at,
    String reason,
    OffsetDateTime linkStartedAt) {

  enum Type {
    CONNECT,
    DISCONNECT
  }

  /** The leaf event in a $SYS advisory, or empty when it is about another kind of connection. */
  static Optional<LeafEvent> parse(JsonMapper json, byte[] payload) {
    JsonNode event = json.readTree(payload);
    JsonNode client = event.path("client");
    if (!"Leafnode".equals(client.path("kind").asString(""))) {
      return Optional.empty();
    }
    String type = event.path("type").asString("");
    Type kind;
    if (type.endsWith("client_connect")) {
      kind = Type.CONNECT;
    } else if (type.endsWith("client_disconnect")) {
      kind = Type.DISCONNECT;
    } else {
      return Optional.empty();
    }
    String time =
        kind == Type.CONNECT ? client.path("start").asString("") : client.path("stop").asString("");
    if (time.isEmpty()) {
      time = event.path("timestamp").asString("");
    }
    return Optional.of(
        new LeafEvent(
            kind,
            client.path("acc").asString(""),
            client.path("user").asString(""),
            client.path("name").asString(""),
            client.path("name_tag").asString(""),
            OffsetDateTime.parse(time),
            kind == Type.DISCONNECT ? event.path("reason").asString("") : null,
            // Microseconds, as the database keeps it: the same link compares equal after a round
            // trip.
            client.path("start").asString("").isEmpty()
                ? null
                : OffsetDateTime.parse(client.path("start").asString())
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MICROS)));
  }
}
