package com.serviceradar.edge.server.onboarding;

import com.serviceradar.edge.server.support.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.springframework.test.context.ContextConfiguration;

class OnboardingApiTest {

  @Nested
  @ContextConfiguration(initializers = TestDatabases.H2.class)
  class OnH2 extends OnboardingScenarios {}

  @Nested
  @ContextConfiguration(initializers = TestDatabases.Postgres.class)
  class OnPostgres extends OnboardingScenarios {}
}
