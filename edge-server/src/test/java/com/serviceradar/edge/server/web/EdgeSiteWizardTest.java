package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EdgeSiteWizardTest {

  @Test
  void theConnectionWaitReadsInWholeMinutesOrSeconds() {
    assertThat(EdgeSiteWizard.describe(Duration.ofMinutes(5))).isEqualTo("5 minutes");
    assertThat(EdgeSiteWizard.describe(Duration.ofMinutes(1))).isEqualTo("1 minute");
    assertThat(EdgeSiteWizard.describe(Duration.ofSeconds(30))).isEqualTo("30 seconds");
  }
}
