package com.serviceradar.edge.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a {@code nats-leaf.conf} as ServiceRadar Edge generates it (and as a person may
 * have edited it): top-level values before {@code leafnodes}, the first remote's values after it,
 * and the {@code resolver_preload} account JWTs. Reads {@code key: value}, {@code key = value} and
 * {@code key value} with quoted or bare values; comments are ignored. Not a full NATS config
 * parser: {@code include} and variables are not followed.
 *
 * @param top the first value of each key before {@code leafnodes} (the local {@code tls} block's
 *     {@code cert_file} etc. among them)
 * @param remote the first value of each key inside {@code leafnodes}
 * @param preload account public key to account JWT
 */
public record LeafConf(
    Map<String, String> top, Map<String, String> remote, Map<String, String> preload) {

  private static final Pattern SETTING =
      Pattern.compile(
          "^\\s*\"?([A-Za-z_][A-Za-z0-9_]*)\"?\\s*[:=]?\\s*(\"([^\"]*)\"|([^\\s{\\[#]+))");
  private static final Pattern PRELOAD_ENTRY =
      Pattern.compile("^\\s*\"?(A[A-Z2-7]{55})\"?\\s*[:=]\\s*\"?([A-Za-z0-9_.-]+)\"?");
  private static final Pattern LEAFNODES = Pattern.compile("(?m)^\\s*leafnodes\\s*[:=]?\\s*\\{");

  public LeafConf {
    top = Collections.unmodifiableMap(new LinkedHashMap<>(top));
    remote = Collections.unmodifiableMap(new LinkedHashMap<>(remote));
    preload = Collections.unmodifiableMap(new LinkedHashMap<>(preload));
  }

  /** Parses the text; never fails, a missing setting is simply absent. */
  public static LeafConf parse(String text) {
    Map<String, String> top = new LinkedHashMap<>();
    Map<String, String> remote = new LinkedHashMap<>();
    Map<String, String> preload = new LinkedHashMap<>();
    Matcher leafnodes = LEAFNODES.matcher(text);
    int split = leafnodes.find() ? leafnodes.start() : text.length();
    boolean inPreload = false;
    int offset = 0;
    for (String line : text.split("\n", -1)) {
      int lineStart = offset;
      offset += line.length() + 1;
      String content = stripComment(line);
      if (content.isBlank()) {
        continue;
      }
      if (inPreload) {
        if (content.strip().startsWith("}")) {
          inPreload = false;
          continue;
        }
        Matcher entry = PRELOAD_ENTRY.matcher(content);
        if (entry.find()) {
          preload.putIfAbsent(entry.group(1), entry.group(2));
        }
        continue;
      }
      if (content.matches("\\s*resolver_preload\\s*[:=]?\\s*\\{.*")) {
        inPreload = true;
        continue;
      }
      Matcher setting = SETTING.matcher(content);
      if (setting.find()) {
        String value = setting.group(3) != null ? setting.group(3) : setting.group(4);
        (lineStart < split ? top : remote).putIfAbsent(setting.group(1), value);
      }
    }
    return new LeafConf(top, remote, preload);
  }

  private static String stripComment(String line) {
    String trimmed = line.stripLeading();
    return trimmed.startsWith("#") || trimmed.startsWith("//") ? "" : line;
  }

  public Optional<String> top(String key) {
    return Optional.ofNullable(top.get(key));
  }

  public Optional<String> remote(String key) {
    return Optional.ofNullable(remote.get(key));
  }

  /**
   * The monitoring port from {@code http} ({@code host:port} or a bare port) or {@code http_port}.
   */
  public Optional<Integer> monitoringPort() {
    Optional<String> http = top("http").or(() -> top("http_port"));
    return http.map(value -> value.substring(value.lastIndexOf(':') + 1))
        .filter(port -> port.matches("\\d{1,5}"))
        .map(Integer::valueOf);
  }

  /** The tenant account the remote binds to, with its preloaded JWT. */
  public Optional<String> tenantAccountJwt() {
    return remote("account").map(preload::get);
  }
}
