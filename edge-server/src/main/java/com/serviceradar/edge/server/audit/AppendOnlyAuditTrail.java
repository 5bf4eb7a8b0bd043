package com.serviceradar.edge.server.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 11: the database itself refuses to change or remove audit events, so the trail stays
 * append-only even for code (or a person with the application's credentials) that bypasses the API.
 * PostgreSQL gets a PL/pgSQL trigger; H2, which has no procedural language, a Java one. It is a
 * Java migration because the two need different DDL and every other migration is shared SQL.
 */
@Component
class AppendOnlyAuditTrail implements JavaMigration {

  static final String REFUSAL = "audit_events is append-only";

  private static final List<String> POSTGRESQL =
      List.of(
          """
          CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            RAISE EXCEPTION '%s';
          END
          $$
          """
              .formatted(REFUSAL),
          """
          CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
          FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()
          """,
          """
          CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
          FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()
          """);

  private static final List<String> H2 =
      List.of(
          "CREATE TRIGGER audit_events_append_only BEFORE UPDATE, DELETE ON audit_events"
              + " FOR EACH ROW CALL '"
              + RefuseAuditChangeTrigger.class.getName()
              + "'");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("11");
  }

  @Override
  public String getDescription() {
    return "audit trail is append-only";
  }

  @Override
  public Integer getChecksum() {
    return String.join("\n", POSTGRESQL).hashCode() ^ String.join("\n", H2).hashCode();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName();
    List<String> statements =
        switch (product) {
          case "PostgreSQL" -> POSTGRESQL;
          case "H2" -> H2;
          default -> throw new SQLException("no append-only guard for database " + product);
        };
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
