package com.serviceradar.edge.server.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.server.EdgeServerApplication;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.system.StartupRefusedException;
import com.serviceradar.edge.testing.NatsServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code EDGE_DEV_HUB=true}: the whole flow on one machine, the hub started and stopped with the
 * server.
 */
class DevHubTest {

  @TempDir Path dataDir;

  private static boolean listening(int port) {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  @Test
  void serveStartsAHubFromItsOwnBundleAndStopsItOnShutdown() throws Exception {
    int clientPort = NatsServerProcess.freePort();
    int leafPort = NatsServerProcess.freePort();
    String tenantId;
    try (ConfigurableApplicationContext server =
        new SpringApplicationBuilder(EdgeServerApplication.class)
            .run(
                "--edge.data-dir=" + dataDir,
                "--edge.port=0",
                "--edge.bootstrap-token=sre_dev-hub-test",
                "--edge.hub.dev=true",
                "--edge.hub.client-url=nats://127.0.0.1:" + clientPort,
                "--edge.hub.leaf-url=tls://127.0.0.1:" + leafPort,
                "--edge.hub.listen-host=127.0.0.1")) {
      assertThat(Files.exists(dataDir.resolve("dev-hub/etc/nats/nats-hub.conf"))).isTrue();
      ApiClient operator =
          new ApiClient(
              Integer.parseInt(server.getEnvironment().getProperty("local.server.port")),
              "sre_dev-hub-test");
      tenantId =
          operator.post("/api/v1/tenants", Map.of("slug", "acme", "name", "Acme")).text("id");
      JdbcClient jdbc = server.getBean(JdbcClient.class);

      Instant deadline = Instant.now().plusSeconds(10);
      while (jdbc.sql(
                  "SELECT COUNT(*) FROM nats_accounts WHERE tenant_id = :id AND hub_jwt_sha256 = jwt_sha256")
              .param("id", UUID.fromString(tenantId))
              .query(Long.class)
              .single()
          == 0) {
        assertThat(Instant.now())
            .as("the dev hub received the tenant's account")
            .isBefore(deadline);
        Thread.sleep(50);
      }
      assertThat(listening(clientPort)).isTrue();
      assertThat(listening(leafPort)).isTrue();
    }

    assertThat(listening(clientPort)).as("the hub stops with the server").isFalse();
  }

  @Test
  void aDevHubNeedsToKnowWhereToListen() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(EdgeServerApplication.class)
                    .run("--edge.data-dir=" + dataDir, "--edge.port=0", "--edge.hub.dev=true"))
        .hasRootCauseInstanceOf(StartupRefusedException.class)
        .rootCause()
        .hasMessageContaining("EDGE_HUB_CLIENT_URL");
  }
}
