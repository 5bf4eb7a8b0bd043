package com.serviceradar.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The default setup: an H2 file in the data directory, and a bootstrap token generated there. */
class H2FileRestartTest {

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(EdgeServerApplication.class)
        .run("--edge.data-dir=" + dataDir, "--edge.port=0");
  }

  private static ApiClient operatorOf(ConfigurableApplicationContext server, String token) {
    return new ApiClient(
        Integer.parseInt(server.getEnvironment().getProperty("local.server.port")), token);
  }

  @Test
  void dataSurviveARestartOfTheServer(@TempDir Path dataDir) throws Exception {
    String tenantId;
    String siteId;
    String adminToken;
    String bootstrapToken;
    try (ConfigurableApplicationContext server = start(dataDir)) {
      Path tokenFile = dataDir.resolve("bootstrap-token");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
          .isEqualTo("rw-------");
      bootstrapToken = Files.readString(tokenFile).strip();
      ApiClient operator = operatorOf(server, bootstrapToken);
      tenantId =
          operator.post("/api/v1/tenants", Map.of("slug", "acme", "name", "Acme")).text("id");
      adminToken =
          operator
              .post(
                  "/api/v1/tenants/" + tenantId + "/api-tokens",
                  Map.of("name", "admin", "role", "tenant_admin"))
              .text("token");
      siteId =
          operator
              .as(adminToken)
              .post("/api/v1/edge-sites", Map.of("name", "NYC Office"))
              .text("id");
    }

    try (ConfigurableApplicationContext server = start(dataDir)) {
      assertThat(Files.readString(dataDir.resolve("bootstrap-token")).strip())
          .isEqualTo(bootstrapToken);
      ApiClient admin = operatorOf(server, adminToken);
      ApiClient.Reply site = admin.get("/api/v1/edge-sites/" + siteId);
      assertThat(site.status()).isEqualTo(200);
      assertThat(site.text("slug")).isEqualTo("nyc-office");
      assertThat(site.text("tenantId")).isEqualTo(tenantId);
      assertThat(admin.get("/api/v1/audit-events").json().get("items").size()).isEqualTo(3);
      assertThat(operatorOf(server, bootstrapToken).get("/api/v1/tenants/" + tenantId).status())
          .isEqualTo(200);
    }
  }
}
