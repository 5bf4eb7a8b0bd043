package com.serviceradar.edge.server.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.server.support.ApplicationEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/** EDGE_SAAS_NATS_URL reaches its setting, through the real application.properties. */
class CollectorSettingsBindingTest {

  private static CollectorSettings bind(Map<String, Object> variables) {
    return Binder.get(ApplicationEnvironment.withVariables(variables))
        .bind("edge", CollectorSettings.class)
        .get();
  }

  @Test
  void theSaasUrlVariableBinds() {
    CollectorSettings settings = bind(Map.of("EDGE_SAAS_NATS_URL", "tls://nats.example.com:4443"));

    assertThat(settings.saasUrl().toString()).isEqualTo("tls://nats.example.com:4443");
  }

  @Test
  void theDefaultIsTheServiceRadarCloud() {
    assertThat(bind(Map.of()).saasNatsUrl()).isEqualTo("nats://nats.serviceradar.cloud:4222");
  }

  @Test
  void aMalformedUrlIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> bind(Map.of("EDGE_SAAS_NATS_URL", "http://nats.example.com")))
        .hasStackTraceContaining("IllegalArgumentException: EDGE_SAAS_NATS_URL");
  }
}
