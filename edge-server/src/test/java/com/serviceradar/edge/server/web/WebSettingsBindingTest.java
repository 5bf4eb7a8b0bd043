package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApplicationEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/** EDGE_WEB_SECURE_COOKIE reaches its setting, through the real application.properties. */
class WebSettingsBindingTest {

  private static WebSettings bind(Map<String, Object> variables) {
    return Binder.get(ApplicationEnvironment.withVariables(variables))
        .bind("edge.web", WebSettings.class)
        .get();
  }

  @Test
  void sessionCookieIsSecureByDefault() {
    WebSettings settings = bind(Map.of());

    assertThat(settings.secureCookie()).isTrue();
    assertThat(settings.connectionWait()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void plainHttpDevelopmentTurnsTheSecureFlagOff() {
    assertThat(bind(Map.of("EDGE_WEB_SECURE_COOKIE", "false")).secureCookie()).isFalse();
  }
}
