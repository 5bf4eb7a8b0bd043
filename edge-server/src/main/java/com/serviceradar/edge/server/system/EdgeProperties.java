package com.serviceradar.edge.server.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The control plane's settings. Each documented {@code EDGE_*} variable is mapped onto one of these
 * in {@code application.properties}, so the variable and the {@code edge.*} property both work.
 *
 * @param port HTTP port ({@code EDGE_PORT})
 * @param dataDir where the H2 database, the generated bootstrap token and keys live ({@code
 *     EDGE_DATA_DIR})
 * @param db an external database; blank url means the embedded H2 file in the data directory
 * @param bootstrapToken the platform-operator token ({@code EDGE_BOOTSTRAP_TOKEN}); blank means
 *     generate one
 */
@ConfigurationProperties("edge")
public record EdgeProperties(
    @DefaultValue("8080") int port,
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Db db,
    @DefaultValue("") String bootstrapToken) {

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
      return "Db[url="
          + url
          + ", user="
          + user
          + ", password="
          + (password.isEmpty() ? "" : "****")
          + "]";
    }
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
        + "]";
  }
}
