package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.verify.Check;
import com.serviceradar.edge.verify.CheckStatus;
import org.junit.jupiter.api.Test;

class NatsServerVersionTest {

  @Test
  void debian12sNatsServerIsAWarningThatSaysWhatItCosts() {
    Check check = NatsServerVersion.judge("nats-server: v2.9.10");

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail())
        .contains("nats-server 2.9.10 is older than 2.10")
        .contains("only every 2 minutes");
    assertThat(check.fix()).contains("the leaf works as it is").contains("2.10 or newer");
  }

  @Test
  void twoTenAndLaterPass() {
    assertThat(NatsServerVersion.judge("nats-server: v2.10.0").status())
        .isEqualTo(CheckStatus.PASS);
    assertThat(NatsServerVersion.judge("nats-server: v2.12.1").status())
        .isEqualTo(CheckStatus.PASS);
    assertThat(NatsServerVersion.judge("nats-server: v3.0.0").status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void anUnreadableVersionIsAWarning() {
    assertThat(NatsServerVersion.judge("command not found").status()).isEqualTo(CheckStatus.WARN);
  }
}
