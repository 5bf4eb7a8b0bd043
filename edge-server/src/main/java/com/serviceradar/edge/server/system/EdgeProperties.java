package com.serviceradar.edge.server.system;

import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The control plane's settings. Each documented {@code EDGE_*} variable is mapped onto one of these
 * in {@code application.properties}, so the variable and the {@code edge.*} property both work.
 *
 * @param port HTTP port ({@code EDGE_PORT})
 * @param dataDir where the H2 database, the generated bootstrap token and master key live
 * @param db an external database; blank url means the embedded H2 file in the data directory
 * @param bootstrapToken the platform-operator token ({@code EDGE_BOOTSTRAP_TOKEN}); blank means
 *     generate one
 * @param masterKey base64 of 32 bytes that seals private keys and seeds ({@code EDGE_MASTER_KEY});
 *     blank means generate one into the data directory
 * @param previousMasterKeys older master keys still accepted for reading ({@code
 *     EDGE_MASTER_KEY_PREVIOUS}, comma-separated), so the master key can be rotated
 */
@ConfigurationProperties("edge")
public record EdgeProperties(
    @DefaultValue("8080") int port,
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Db db,
    @DefaultValue("") String bootstrapToken,
    @DefaultValue("") String masterKey,
    @DefaultValue List<String> previousMasterKeys,
    @DefaultValue Hub hub,
    @DefaultValue Pki pki,
    @DefaultValue Import importing) {

  /** {@code EDGE_DB_URL}, {@code EDGE_DB_USER}, {@code EDGE_DB_PASSWORD}. */
  public record Db(
      @DefaultValue("") String url,
      @DefaultValue("") String user,
      @DefaultValue("") String password) {

    public boolean isEmbedded() {
      return url.isBlank();
    }

    @Override
    public String toString() {
      return "Db[url=" + url + ", user=" + user + ", password=" + masked(password) + "]";
    }
  }

  /**
   * The SaaS NATS hub.
   *
   * @param leafUrl where leafs connect ({@code EDGE_HUB_LEAF_URL})
   * @param clientUrl where the control plane connects as its monitor user ({@code
   *     EDGE_HUB_CLIENT_URL}); blank means no hub connection
   * @param listenHost the hub's bind host in the generated hub config ({@code
   *     EDGE_HUB_LISTEN_HOST})
   * @param dev start a local hub from the generated hub bundle ({@code EDGE_DEV_HUB})
   */
  public record Hub(
      @DefaultValue("tls://nats.serviceradar.cloud:7422") String leafUrl,
      @DefaultValue("") String clientUrl,
      @DefaultValue("0.0.0.0") String listenHost,
      @DefaultValue("false") boolean dev) {}

  /** Certificate lifetimes ({@code EDGE_LEAF_CERT_VALIDITY}, {@code EDGE_TENANT_CA_VALIDITY}). */
  public record Pki(
      @DefaultValue("P1Y") Period leafCertificateValidity,
      @DefaultValue("P10Y") Period tenantCaValidity) {}

  /**
   * An existing installation's root CA and NATS operator, imported at first start instead of
   * generating new ones. Each value is the text itself or the path of a file holding it.
   */
  public record Import(
      @DefaultValue("") String rootCaCert,
      @DefaultValue("") String rootCaKey,
      @DefaultValue("") String natsOperatorJwt,
      @DefaultValue("") String natsOperatorSigningSeed,
      @DefaultValue("") String natsSystemAccountJwt,
      @DefaultValue("") String natsSystemAccountSeed) {

    @Override
    public String toString() {
      return "Import[rootCaCert="
          + !rootCaCert.isBlank()
          + ", rootCaKey="
          + masked(rootCaKey)
          + ", natsOperatorJwt="
          + !natsOperatorJwt.isBlank()
          + ", natsOperatorSigningSeed="
          + masked(natsOperatorSigningSeed)
          + ", natsSystemAccountJwt="
          + !natsSystemAccountJwt.isBlank()
          + ", natsSystemAccountSeed="
          + masked(natsSystemAccountSeed)
          + "]";
    }
  }

  private static String masked(String secret) {
    return secret.isEmpty() ? "" : "****";
  }

  @Override
  public String toString() {
    return "EdgeProperties[port="
        + port
        + ", dataDir="
        + dataDir
        + ", db="
        + db
        + ", bootstrapToken="
        + (bootstrapToken.isEmpty() ? "(generated)" : "****")
        + ", masterKey="
        + (masterKey.isEmpty() ? "(generated)" : "****")
        + ", previousMasterKeys="
        + previousMasterKeys.size()
        + ", hub="
        + hub
        + ", pki="
        + pki
        + ", importing="
        + importing
        + "]";
  }
}
