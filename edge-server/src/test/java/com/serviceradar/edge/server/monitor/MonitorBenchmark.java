package com.serviceradar.edge.server.monitor;

import com.serviceradar.edge.server.EdgeServerApplication;
import com.serviceradar.edge.server.natsauth.HubConnection;
import com.serviceradar.edge.server.site.SiteHealth;
import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.server.support.TestDatabases;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark harness, not a test (surefire's default includes skip it): run on request with {@code
 * mvn -B -pl edge-core,edge-server test -Dtest=MonitorBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; it prints its figures (lines starting BENCHMARK in the
 * surefire output file) and asserts nothing. Measures (1) how many leaf connect/disconnect events
 * per second the monitor's persistence (SiteHealth) records with 10,000 sites, on H2 and on
 * PostgreSQL, and (2) the delay from a real leaf's link to the hub coming up to its site showing
 * connected, with a real hub and leaf.
 */
class MonitorBenchmark {

  private static final int SITES = 10_000;
  private static final int EVENTS = 20_000;
  private static final int CYCLES = 15;

  @Test
  void eventsPerSecondOnH2() throws Exception {
    String url =
        "jdbc:h2:mem:bench-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    persistEvents("H2", url, "sa", "");
  }

  @Test
  void eventsPerSecondOnPostgres() throws Exception {
    TestDatabases.PostgresServer server = TestDatabases.PostgresServer.get();
    persistEvents(
        "PostgreSQL", server.urlFor(server.createDatabase()), server.user(), server.password());
  }

  private static void persistEvents(String database, String url, String user, String password)
      throws Exception {
    try (ConfigurableApplicationContext server =
        new SpringApplicationBuilder(EdgeServerApplication.class)
            .run(
                "--edge.data-dir=" + Files.createTempDirectory("bench"),
                "--edge.port=0",
                "--edge.db.url=" + url,
                "--edge.db.user=" + user,
                "--edge.db.password=" + password,
                "--edge.bootstrap-token=sre_bench")) {
      JdbcClient jdbc = server.getBean(JdbcClient.class);
      List<String> users = seedSites(jdbc);
      SiteHealth health = server.getBean(SiteHealth.class);
      // Warm up, then measure alternating connects and disconnects spread over every site.
      replay(health, users, 2_000);
      long start = System.nanoTime();
      replay(health, users, EVENTS);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "BENCHMARK monitor-persist %s: %d events over %d sites in %.2f s = %.0f events/s%n",
          database, EVENTS, SITES, seconds, EVENTS / seconds);
    }
  }

  private static void replay(SiteHealth health, List<String> users, int events) {
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    for (int i = 0; i < events; i++) {
      String user = users.get(i % users.size());
      if ((i / users.size()) % 2 == 0) {
        health.connected(user, at);
      } else {
        health.disconnected(user, at, "Client Closed");
      }
    }
  }

  /**
   * 10,000 provisioned sites across 10 tenants, written directly: provisioning each is not
   * measured.
   */
  private static List<String> seedSites(JdbcClient jdbc) {
    List<String> users = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    for (int t = 0; t < 10; t++) {
      UUID tenant = UUID.randomUUID();
      jdbc.sql("INSERT INTO tenants (id, slug, name, created_at) VALUES (:id, :slug, :slug, :now)")
          .params(Map.of("id", tenant, "slug", "bench-" + t, "now", now))
          .update();
      for (int s = 0; s < SITES / 10; s++) {
        UUID site = UUID.randomUUID();
        String user =
            ("U" + UUID.randomUUID() + UUID.randomUUID())
                .replace("-", "")
                .toUpperCase()
                .substring(0, 56);
        jdbc.sql(
                "INSERT INTO edge_sites (id, tenant_id, name, slug, status, created_at, updated_at)"
                    + " VALUES (:id, :tenant, :slug, :slug, 'pending', :now, :now)")
            .params(Map.of("id", site, "tenant", tenant, "slug", "site-" + s, "now", now))
            .update();
        jdbc.sql(
                "INSERT INTO nats_leaf_servers (id, edge_site_id, status, server_name, leaf_user_public_key,"
                    + " created_at, updated_at) VALUES (:id, :site, 'provisioned', :name, :user, :now, :now)")
            .params(
                Map.of(
                    "id",
                    UUID.randomUUID(),
                    "site",
                    site,
                    "name",
                    "leaf-" + t + "-" + s,
                    "user",
                    user,
                    "now",
                    now))
            .update();
        users.add(user);
      }
    }
    Collections.shuffle(users);
    return users;
  }

  @Test
  void delayFromALeafConnectEventToItsSiteShowingConnected() throws Exception {
    try (EdgeHarness edge = EdgeHarness.start("")) {
      Tenant acme = edge.newTenant();
      InstalledSite nyc = edge.newSite(acme, "NYC Office");
      String account =
          edge.operator().get("/api/v1/tenants/" + acme.id()).text("natsAccountPublicKey");
      // A second SYS-user subscriber sees the hub's CONNECT advisory when the monitor does.
      Connection hub = edge.controlPlane().getBean(HubConnection.class).connected().orElseThrow();
      Subscription connects = hub.subscribe("$SYS.ACCOUNT." + account + ".CONNECT");
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < CYCLES; i++) {
        NatsServerProcess leaf = nyc.start();
        Message event = connects.nextMessage(Duration.ofSeconds(10));
        long announced = System.nanoTime();
        while (!"connected".equals(status(edge, nyc))) {
          Thread.sleep(1);
        }
        delays.add((System.nanoTime() - announced) / 1_000);
        leaf.kill();
        while (!"disconnected".equals(status(edge, nyc))) {
          Thread.sleep(5);
        }
        if (event == null) {
          throw new IllegalStateException("no CONNECT advisory");
        }
      }
      Collections.sort(delays);
      System.out.printf(
          "BENCHMARK connect-to-status: %d cycles, median %.1f ms, max %.1f ms (from the hub's CONNECT advisory)%n",
          CYCLES, delays.get(delays.size() / 2) / 1000.0, delays.get(delays.size() - 1) / 1000.0);
    }
  }

  private static String status(EdgeHarness edge, InstalledSite site) {
    return edge.jdbc()
        .sql("SELECT status FROM nats_leaf_servers WHERE edge_site_id = :id")
        .param("id", UUID.fromString(site.id()))
        .query(String.class)
        .single();
  }
}
