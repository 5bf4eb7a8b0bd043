package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.BAD_SIGNATURE;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.MALFORMED_JWT;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.WRONG_CLAIM_TYPE;

import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A NATS v2 JWT whose signature has been checked against the key in its own {@code iss}. Whether
 * that issuer is trusted is for the caller to decide.
 *
 * @param what names the JWT in error messages, e.g. "operator JWT"
 */
record DecodedJwt(
    String what,
    String issuer,
    String subject,
    String name,
    Instant issuedAt,
    Optional<Instant> expiresAt,
    String jwtId,
    String type,
    Map<String, JsonValue> nats) {

  private static final String ALGORITHM = "ed25519-nkey";

  /** Splits, parses and verifies the signature; refuses anything but a v2 NATS JWT. */
  static DecodedJwt decode(String jwt, String what) {
    if (jwt == null || jwt.isBlank()) {
      throw malformed(what, "is empty");
    }
    String[] parts = jwt.strip().split("\\.", -1);
    if (parts.length != 3) {
      throw malformed(what, "does not have three dot-separated parts");
    }
    Map<String, JsonValue> header = jsonObject(parts[0], what, "header");
    if (!ALGORITHM.equals(string(header, "alg"))) {
      throw malformed(
          what, "is not signed with " + ALGORITHM + " (only v2 NATS JWTs are supported)");
    }
    Map<String, JsonValue> claims = jsonObject(parts[1], what, "claims");
    String issuer = requiredString(claims, "iss", what);
    String subject = requiredString(claims, "sub", what);
    byte[] signature = base64Url(parts[2], what, "signature");
    byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8);
    if (!Keys.verify(issuer, signed, signature)) {
      throw new NatsIdentityException(
          BAD_SIGNATURE, what + " for " + subject + ": signature does not verify under " + issuer);
    }
    Long iat = number(claims, "iat");
    if (iat == null) {
      throw malformed(what, "has no iat");
    }
    Long exp = number(claims, "exp");
    JsonValue natsValue = claims.get("nats");
    if (natsValue == null || natsValue.map == null) {
      throw malformed(what, "has no nats claim");
    }
    Map<String, JsonValue> nats = natsValue.map;
    Long version = number(nats, "version");
    if (version == null || version != 2) {
      throw malformed(what, "is not a version 2 NATS JWT");
    }
    return new DecodedJwt(
        what,
        issuer,
        subject,
        string(claims, "name"),
        Instant.ofEpochSecond(iat),
        Optional.ofNullable(exp).map(Instant::ofEpochSecond),
        string(claims, "jti"),
        requiredString(nats, "type", what),
        nats);
  }

  /** Refuses the JWT unless its {@code nats.type} is the expected one. */
  DecodedJwt requireType(String expected) {
    if (!expected.equals(type)) {
      throw new NatsIdentityException(
          WRONG_CLAIM_TYPE, what + " has type " + type + ", expected " + expected);
    }
    return this;
  }

  /** A string field of the {@code nats} claim, or null. */
  String natsString(String field) {
    return string(nats, field);
  }

  /** A list-of-strings field of the {@code nats} claim, empty when absent. */
  List<String> natsStrings(String field) {
    return strings(nats.get(field), field);
  }

  /**
   * A list-of-strings field of an object in the {@code nats} claim (as {@code pub.deny}), empty
   * when either is absent.
   */
  List<String> natsStrings(String object, String field) {
    JsonValue parent = nats.get(object);
    return parent == null || parent.map == null
        ? List.of()
        : strings(parent.map.get(field), object + "." + field);
  }

  private List<String> strings(JsonValue value, String field) {
    if (value == null || value.array == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    for (JsonValue item : value.array) {
      if (item.string == null) {
        throw malformed(what, "has a non-string entry in nats." + field);
      }
      strings.add(item.string);
    }
    return Collections.unmodifiableList(strings);
  }

  /** A map-of-numbers field of the {@code nats} claim (as in {@code revocations}), sorted. */
  Map<String, Long> natsNumberMap(String field) {
    JsonValue value = nats.get(field);
    if (value == null || value.map == null) {
      return Map.of();
    }
    Map<String, Long> numbers = new TreeMap<>();
    for (Map.Entry<String, JsonValue> entry : value.map.entrySet()) {
      if (entry.getValue().number == null) {
        throw malformed(what, "has a non-numeric entry in nats." + field);
      }
      numbers.put(entry.getKey(), entry.getValue().number.longValue());
    }
    return Collections.unmodifiableMap(numbers);
  }

  private static Map<String, JsonValue> jsonObject(String part, String what, String partName) {
    byte[] bytes = base64Url(part, what, partName);
    JsonValue value;
    try {
      value = JsonParser.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw malformed(what, "has a " + partName + " that is not JSON");
    }
    if (value == null || value.map == null) {
      throw malformed(what, "has a " + partName + " that is not a JSON object");
    }
    return value.map;
  }

  private static byte[] base64Url(String part, String what, String partName) {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw malformed(what, "has a " + partName + " that is not base64url");
    }
  }

  private static String requiredString(Map<String, JsonValue> object, String field, String what) {
    String value = string(object, field);
    if (value == null || value.isEmpty()) {
      throw malformed(what, "has no " + field);
    }
    return value;
  }

  private static String string(Map<String, JsonValue> object, String field) {
    JsonValue value = object.get(field);
    return value == null ? null : value.string;
  }

  private static Long number(Map<String, JsonValue> object, String field) {
    JsonValue value = object.get(field);
    return value == null || value.number == null ? null : value.number.longValue();
  }

  private static NatsIdentityException malformed(String what, String problem) {
    return new NatsIdentityException(MALFORMED_JWT, what + " " + problem);
  }
}
