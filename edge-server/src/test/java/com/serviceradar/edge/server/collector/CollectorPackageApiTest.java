package com.serviceradar.edge.server.collector;

import com.serviceradar.edge.server.support.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ContextConfiguration;

class CollectorPackageApiTest {

  @Nested
  @ContextConfiguration(initializers = TestDatabases.H2.class)
  class OnH2 extends CollectorPackageScenarios {}

  @Nested
  @ContextConfiguration(initializers = TestDatabases.Postgres.class)
  class OnPostgres extends CollectorPackageScenarios {}
}
