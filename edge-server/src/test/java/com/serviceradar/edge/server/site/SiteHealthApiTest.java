package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.support.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ContextConfiguration;

class SiteHealthApiTest {

  @Nested
  @ContextConfiguration(initializers = TestDatabases.H2.class)
  class OnH2 extends SiteHealthScenarios {}

  @Nested
  @ContextConfiguration(initializers = TestDatabases.Postgres.class)
  class OnPostgres extends SiteHealthScenarios {}
}
