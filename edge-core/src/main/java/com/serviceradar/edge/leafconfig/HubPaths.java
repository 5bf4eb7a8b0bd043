package com.serviceradar.edge.leafconfig;

/**
 * Where the hub is installed: {@code nats-hub.conf} and {@code certs/} ({@code hub.pem}, {@code
 * hub-key.pem}, {@code platform-root-ca.pem}) under {@link #configDir()}, the account JWTs of the
 * full resolver in {@link #resolverDir()}, JetStream's {@code store_dir} in {@link #storeDir()}
 * (nats-server 2.9 keeps its data in a {@code jetstream} directory inside it). All absolute.
 */
public record HubPaths(String configDir, String resolverDir, String storeDir) {

  public static final String CONF_FILE = "nats-hub.conf";
  public static final String CERT_FILE = "hub.pem";
  public static final String KEY_FILE = "hub-key.pem";
  public static final String ROOT_CA_FILE = "platform-root-ca.pem";

  /** {@code /etc/nats}, {@code /var/lib/nats/jwt}, {@code /var/lib/nats}. */
  public static final HubPaths DEFAULT =
      new HubPaths("/etc/nats", "/var/lib/nats/jwt", "/var/lib/nats");

  public HubPaths {
    InstallPath.require("config dir", configDir);
    InstallPath.require("resolver dir", resolverDir);
    InstallPath.require("JetStream store dir", storeDir);
  }

  public String confFile() {
    return configDir + "/" + CONF_FILE;
  }

  /** A file in {@code certs/}, e.g. {@link #CERT_FILE}. */
  public String certFile(String name) {
    return configDir + "/certs/" + name;
  }
}
