package com.serviceradar.edge.server.tenant;

import com.serviceradar.edge.server.support.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ContextConfiguration;

class TenantApiTest {

  @Nested
  @ContextConfiguration(initializers = TestDatabases.H2.class)
  class OnH2 extends TenantScenarios {}

  @Nested
  @ContextConfiguration(initializers = TestDatabases.Postgres.class)
  class OnPostgres extends TenantScenarios {}
}
