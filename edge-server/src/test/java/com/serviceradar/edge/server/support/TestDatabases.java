package com.serviceradar.edge.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The two databases every repository and API test runs against. PostgreSQL is the machine's server
 * on 127.0.0.1:5432 (database {@code test}, trust auth) when it answers, otherwise an embedded one;
 * when neither can be had the tests fail, they are never skipped.
 */
public final class TestDatabases {

  public static final String BOOTSTRAP_TOKEN = "sre_test-platform-operator-token";
  static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

  private TestDatabases() {}

  /** An in-memory H2 database in PostgreSQL mode, private to one Spring context. */
  public static final class H2
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String url =
          "jdbc:h2:mem:edge-"
              + UUID.randomUUID()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
      apply(context, url, "sa", "");
    }
  }

  /** A fresh PostgreSQL database, private to one Spring context and dropped when the JVM exits. */
  public static final class Postgres
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
      PostgresServer server = PostgresServer.get();
      String database = server.createDatabase();
      apply(context, server.urlFor(database), server.user(), server.password());
    }
  }

  private static void apply(
      ConfigurableApplicationContext context, String url, String user, String password) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("edge-test-data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "test-database",
                Map.of(
                    "edge.db.url", url,
                    "edge.db.user", user,
                    "edge.db.password", password,
                    "edge.data-dir", dataDir.toString(),
                    "edge.bootstrap-token", BOOTSTRAP_TOKEN)));
  }

  /**
   * The PostgreSQL server the tests use, found or started once per JVM. {@code EDGE_TEST_PG_URL},
   * {@code EDGE_TEST_PG_USER} and {@code EDGE_TEST_PG_PASSWORD} name another server
   * (scripts/test.sh sets them when the local server wants a password).
   */
  public record PostgresServer(String adminUrl, String user, String password) {

    private static PostgresServer instance;

    @Override
    public String toString() {
      return "PostgresServer[" + adminUrl + ", user=" + user + "]";
    }

    public static synchronized PostgresServer get() {
      if (instance == null) {
        instance = findOrStart();
      }
      return instance;
    }

    private static PostgresServer findOrStart() {
      String configuredUrl = System.getenv("EDGE_TEST_PG_URL");
      if (configuredUrl != null && !configuredUrl.isBlank()) {
        String password = System.getenv().getOrDefault("EDGE_TEST_PG_PASSWORD", "");
        return new PostgresServer(
            configuredUrl, System.getenv().getOrDefault("EDGE_TEST_PG_USER", "postgres"), password);
      }
      for (String user : new String[] {"postgres", System.getProperty("user.name")}) {
        try (Connection connection = DriverManager.getConnection(LOCAL_POSTGRES, user, "")) {
          connection.isValid(1);
          return new PostgresServer(LOCAL_POSTGRES, user, "");
        } catch (SQLException notThisWay) {
          // try the next user, then the embedded server
        }
      }
      try {
        EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
        return new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "PostgreSQL is needed by these tests: none answers on 127.0.0.1:5432 and the embedded one did not"
                + " start (it cannot run as root). Start the local server, e.g. `pg_ctlcluster"
                + " --skip-systemctl-redirect 15 main start`, or run scripts/test.sh, which does.",
            e);
      }
    }

    public String createDatabase() {
      String name = "edge_test_" + UUID.randomUUID().toString().replace("-", "");
      execute("CREATE DATABASE " + name);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
      return name;
    }

    public String urlFor(String database) {
      int slash = adminUrl.lastIndexOf('/');
      int query = adminUrl.indexOf('?', slash);
      return adminUrl.substring(0, slash + 1)
          + database
          + (query < 0 ? "" : adminUrl.substring(query));
    }

    private void execute(String sql) {
      try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
        connection.createStatement().execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("PostgreSQL refused: " + sql, e);
      }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
      try {
        embedded.close();
      } catch (IOException e) {
        // the JVM is exiting; nothing left to clean up for
      }
    }
  }
}
