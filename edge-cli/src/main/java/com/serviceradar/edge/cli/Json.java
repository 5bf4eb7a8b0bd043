package com.serviceradar.edge.cli;

import io.nats.client.support.JsonParseException;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON with jnats' small parser and value type (already on the class path; no extra start-up cost).
 */
final class Json {

  private Json() {}

  static JsonValue parse(String text) {
    try {
      return JsonParser.parse(text);
    } catch (JsonParseException e) {
      throw ExitException.failure("the API answered with malformed JSON: " + e.getMessage());
    }
  }

  /** The value at a dotted path, e.g. {@code leafServer.status}; null when absent or JSON null. */
  static JsonValue at(JsonValue value, String path) {
    JsonValue current = value;
    for (String key : path.split("\\.")) {
      if (current == null || current.map == null) {
        return null;
      }
      current = current.map.get(key);
    }
    return current == null || current.type == JsonValue.Type.NULL ? null : current;
  }

  /** The text at a dotted path; {@code fallback} when absent. */
  static String text(JsonValue value, String path, String fallback) {
    JsonValue found = at(value, path);
    if (found == null) {
      return fallback;
    }
    return found.string != null ? found.string : found.toJson();
  }

  static List<JsonValue> array(JsonValue value) {
    return value == null || value.array == null ? List.of() : value.array;
  }

  /**
   * An object from alternating keys and values (String, Number, Boolean, JsonValue, a List of
   * those, or null).
   */
  static JsonValue object(Object... keysAndValues) {
    Map<String, JsonValue> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value != null) {
        map.put((String) keysAndValues[i], value(value));
      }
    }
    return new JsonValue(map);
  }

  static JsonValue list(List<JsonValue> values) {
    return new JsonValue(new ArrayList<>(values));
  }

  private static JsonValue value(Object value) {
    if (value instanceof JsonValue json) {
      return json;
    }
    if (value instanceof List<?> list) {
      return new JsonValue(list.stream().map(Json::value).toList());
    }
    if (value instanceof String text) {
      return new JsonValue(text);
    }
    if (value instanceof Boolean bool) {
      return new JsonValue(bool);
    }
    if (value instanceof Integer number) {
      return new JsonValue(number.intValue());
    }
    if (value instanceof Long number) {
      return new JsonValue(number.longValue());
    }
    return new JsonValue(value.toString());
  }
}
