package com.serviceradar.edge.server.audit;

import com.serviceradar.edge.server.support.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ContextConfiguration;

class AuditApiTest {

  @Nested
  @ContextConfiguration(initializers = TestDatabases.H2.class)
  class OnH2 extends AuditScenarios {}

  @Nested
  @ContextConfiguration(initializers = TestDatabases.Postgres.class)
  class OnPostgres extends AuditScenarios {}
}
