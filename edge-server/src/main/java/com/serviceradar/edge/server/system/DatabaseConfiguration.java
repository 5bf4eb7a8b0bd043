package com.serviceradar.edge.server.system;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the database: the embedded H2 file under the data directory by default, or the external
 * one named by {@code EDGE_DB_URL} (PostgreSQL in production). H2 runs in PostgreSQL mode so the
 * same Flyway migrations and SQL serve both.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";

  @Bean
  DataSource dataSource(EdgeProperties properties, DataDirectory dataDirectory) {
    HikariDataSource dataSource = new HikariDataSource();
    EdgeProperties.Db db = properties.db();
    if (db.isEmbedded()) {
      dataSource.setJdbcUrl("jdbc:h2:file:" + dataDirectory.resolve("db/edge") + H2_OPTIONS);
      dataSource.setUsername("sa");
    } else {
      dataSource.setJdbcUrl(db.url());
      dataSource.setUsername(db.user().isBlank() ? null : db.user());
      dataSource.setPassword(db.password().isBlank() ? null : db.password());
    }
    dataSource.setPoolName("edge");
    return dataSource;
  }
}
