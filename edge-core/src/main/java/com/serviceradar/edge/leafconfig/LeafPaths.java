package com.serviceradar.edge.leafconfig;

/**
 * Where an edge site's leaf is installed on its host. Every path the leaf configuration names is
 * derived from these three directories and is absolute, because {@code nats-server} resolves
 * relative paths against its working directory, not the configuration's (NATS-FACTS.md).
 *
 * <p>Layout under {@link #configDir()}: {@code nats-leaf.conf}, {@code certs/} with the five
 * certificate files of the bundle, and {@code creds/tenant.creds}.
 *
 * @param configDir configuration, certificates and credentials, e.g. {@code /etc/nats}
 * @param storeDir JetStream's {@code store_dir}, e.g. {@code /var/lib/nats}; nats-server 2.9 keeps
 *     its data in a {@code jetstream} directory inside it
 * @param logDir the log file's directory, e.g. {@code /var/log/nats}
 */
public record LeafPaths(String configDir, String storeDir, String logDir) {

  public static final String CONF_FILE = "nats-leaf.conf";
  public static final String SERVER_CERT_FILE = "nats-server.pem";
  public static final String SERVER_KEY_FILE = "nats-server-key.pem";
  public static final String LEAF_CERT_FILE = "nats-leaf.pem";
  public static final String LEAF_KEY_FILE = "nats-leaf-key.pem";
  public static final String CA_CHAIN_FILE = "ca-chain.pem";
  public static final String CREDS_FILE = "tenant.creds";
  public static final String LOG_FILE = "nats-leaf.log";

  /** {@code /etc/nats}, {@code /var/lib/nats}, {@code /var/log/nats}. */
  public static final LeafPaths DEFAULT =
      new LeafPaths("/etc/nats", "/var/lib/nats", "/var/log/nats");

  public LeafPaths {
    InstallPath.require("config dir", configDir);
    InstallPath.require("JetStream store dir", storeDir);
    InstallPath.require("log dir", logDir);
  }

  public String confFile() {
    return configDir + "/" + CONF_FILE;
  }

  public String certsDir() {
    return configDir + "/certs";
  }

  public String credsDir() {
    return configDir + "/creds";
  }

  /** A file in {@link #certsDir()}, e.g. {@link #LEAF_CERT_FILE}. */
  public String certFile(String name) {
    return certsDir() + "/" + name;
  }

  public String credsFile() {
    return credsDir() + "/" + CREDS_FILE;
  }

  public String logFile() {
    return logDir + "/" + LOG_FILE;
  }
}
