package com.serviceradar.edge.verify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a leaf runs with: its configuration and the files it names, as text. A file that could not
 * be read is absent; the checks report it.
 *
 * @param confText {@code nats-leaf.conf}
 * @param files by role, as found
 */
public record LeafMaterial(String confText, Map<Role, String> files) {

  /** The files of a leaf besides its configuration. */
  public enum Role {
    SERVER_CERT("nats-server.pem"),
    SERVER_KEY("nats-server-key.pem"),
    LEAF_CERT("nats-leaf.pem"),
    LEAF_KEY("nats-leaf-key.pem"),
    CA_CHAIN("ca-chain.pem"),
    CREDS("tenant.creds");

    private final String fileName;

    Role(String fileName) {
      this.fileName = fileName;
    }

    /** The file's name in a bundle and on an installed host. */
    public String fileName() {
      return fileName;
    }
  }

  public LeafMaterial {
    EnumMap<Role, String> copy = new EnumMap<>(Role.class);
    copy.putAll(files);
    files = Collections.unmodifiableMap(copy);
  }

  public LeafConf conf() {
    return LeafConf.parse(confText);
  }

  public Optional<String> file(Role role) {
    return Optional.ofNullable(files.get(role));
  }
}
