package com.serviceradar.edge.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.server.support.ApplicationEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/** Each EDGE_ALERT_* variable reaches its setting, through the real application.properties. */
class AlertSettingsBindingTest {

  private static AlertSettings bind(Map<String, Object> variables) {
    return bind(ApplicationEnvironment.withVariables(variables));
  }

  private static AlertSettings bind(ConfigurableEnvironment environment) {
    return Binder.get(environment).bind("edge.alert", AlertSettings.class).get();
  }

  @Test
  void everyAlertVariableBinds() {
    AlertSettings settings =
        bind(
            Map.of(
                "EDGE_ALERT_DISCONNECT_AFTER", "90s",
                "EDGE_ALERT_WEBHOOK_URL", "https://hooks.example.com/edge?token=abc",
                "EDGE_ALERT_WEBHOOK_SECRET", "whsec-binding-test"));

    assertThat(settings.disconnectAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.webhook().url()).isEqualTo("https://hooks.example.com/edge?token=abc");
    assertThat(settings.webhook().secret()).isEqualTo("whsec-binding-test");
    assertThat(settings.webhook().isConfigured()).isTrue();
  }

  @Test
  void defaultsAreFiveMinutesAndNoWebhook() {
    AlertSettings settings = bind(Map.of());

    assertThat(settings.disconnectAfter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.evaluateInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.webhook().isConfigured()).isFalse();
    assertThat(settings.webhook().secret()).isEmpty();
    assertThat(settings.webhook().pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.webhook().retryBase()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.webhook().retryMax()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.webhook().maxAttempts()).isEqualTo(20);
  }

  @Test
  void theSecretAndTheUrlsPathStayOutOfToString() {
    AlertSettings settings =
        bind(
            Map.of(
                "EDGE_ALERT_WEBHOOK_URL", "https://hooks.example.com:8443/T0/B0/path-token",
                "EDGE_ALERT_WEBHOOK_SECRET", "whsec-binding-test"));

    assertThat(settings.toString())
        .contains("https://hooks.example.com:8443")
        .doesNotContain("path-token")
        .doesNotContain("whsec-binding-test");
  }

  @Test
  void aWebhookUrlMustBeHttpOrHttps() {
    assertThatThrownBy(() -> bind(Map.of("EDGE_ALERT_WEBHOOK_URL", "ftp://files.example.com/x")))
        .rootCause()
        .hasMessageContaining("EDGE_ALERT_WEBHOOK_URL")
        .hasMessageNotContaining("files.example.com");
  }
}
