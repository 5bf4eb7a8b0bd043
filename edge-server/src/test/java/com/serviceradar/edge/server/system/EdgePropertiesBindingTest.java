package com.serviceradar.edge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApplicationEnvironment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/** Each documented EDGE_* variable reaches its setting, through the real application.properties. */
class EdgePropertiesBindingTest {

  private static ConfigurableEnvironment environmentWith(Map<String, Object> variables) {
    return ApplicationEnvironment.withVariables(variables);
  }

  private static EdgeProperties bind(ConfigurableEnvironment environment) {
    return Binder.get(environment).bind("edge", EdgeProperties.class).get();
  }

  @Test
  void everyDocumentedVariableBinds() {
    ConfigurableEnvironment environment =
        environmentWith(
            Map.of(
                "EDGE_PORT", "9191",
                "EDGE_DATA_DIR", "/var/lib/edge",
                "EDGE_DB_URL", "jdbc:postgresql://db.internal:5432/edge",
                "EDGE_DB_USER", "edge",
                "EDGE_DB_PASSWORD", "s3cret",
                "EDGE_BOOTSTRAP_TOKEN", "sre_bootstrap"));

    EdgeProperties properties = bind(environment);

    assertThat(properties.port()).isEqualTo(9191);
    assertThat(environment.getProperty("server.port")).isEqualTo("9191");
    assertThat(properties.dataDir()).isEqualTo(Path.of("/var/lib/edge"));
    assertThat(properties.db().url()).isEqualTo("jdbc:postgresql://db.internal:5432/edge");
    assertThat(properties.db().user()).isEqualTo("edge");
    assertThat(properties.db().password()).isEqualTo("s3cret");
    assertThat(properties.db().isEmbedded()).isFalse();
    assertThat(properties.bootstrapToken()).isEqualTo("sre_bootstrap");
  }

  @Test
  void identityAndHubVariablesBind() {
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put("EDGE_MASTER_KEY", "bWFzdGVy");
    variables.put("EDGE_MASTER_KEY_PREVIOUS", "b2xkMQ==,b2xkMg==");
    variables.put("EDGE_HUB_LEAF_URL", "tls://hub.example.com:7422");
    variables.put("EDGE_HUB_CLIENT_URL", "tls://hub.example.com:4222");
    variables.put("EDGE_HUB_LISTEN_HOST", "10.1.2.3");
    variables.put("EDGE_DEV_HUB", "true");
    variables.put("EDGE_LEAF_CERT_VALIDITY", "P90D");
    variables.put("EDGE_TENANT_CA_VALIDITY", "P5Y");
    variables.put("EDGE_ROOT_CA_CERT", "/etc/root.pem");
    variables.put("EDGE_ROOT_CA_KEY", "/etc/root-key.pem");
    variables.put("EDGE_NATS_OPERATOR_JWT", "/etc/operator.jwt");
    variables.put("EDGE_NATS_OPERATOR_SIGNING_SEED", "/etc/operator.seed");
    variables.put("EDGE_NATS_SYSTEM_ACCOUNT_JWT", "/etc/sys.jwt");
    variables.put("EDGE_NATS_SYSTEM_ACCOUNT_SEED", "/etc/sys.seed");

    EdgeProperties properties = bind(environmentWith(variables));

    assertThat(properties.masterKey()).isEqualTo("bWFzdGVy");
    assertThat(properties.previousMasterKeys()).containsExactly("b2xkMQ==", "b2xkMg==");
    assertThat(properties.hub().leafUrl()).isEqualTo("tls://hub.example.com:7422");
    assertThat(properties.hub().clientUrl()).isEqualTo("tls://hub.example.com:4222");
    assertThat(properties.hub().listenHost()).isEqualTo("10.1.2.3");
    assertThat(properties.hub().dev()).isTrue();
    assertThat(properties.pki().leafCertificateValidity()).isEqualTo(java.time.Period.ofDays(90));
    assertThat(properties.pki().tenantCaValidity()).isEqualTo(java.time.Period.ofYears(5));
    assertThat(properties.importing().rootCaCert()).isEqualTo("/etc/root.pem");
    assertThat(properties.importing().rootCaKey()).isEqualTo("/etc/root-key.pem");
    assertThat(properties.importing().natsOperatorJwt()).isEqualTo("/etc/operator.jwt");
    assertThat(properties.importing().natsOperatorSigningSeed()).isEqualTo("/etc/operator.seed");
    assertThat(properties.importing().natsSystemAccountJwt()).isEqualTo("/etc/sys.jwt");
    assertThat(properties.importing().natsSystemAccountSeed()).isEqualTo("/etc/sys.seed");
  }

  @Test
  void monitorIntervalsBind() {
    ConfigurableEnvironment environment =
        environmentWith(
            Map.of("EDGE_MONITOR_RECONCILE_INTERVAL", "5s", "EDGE_MONITOR_SCAN_INTERVAL", "2m"));

    assertThat(environment.getProperty("edge.monitor.reconcile-interval")).isEqualTo("5s");
    assertThat(environment.getProperty("edge.monitor.scan-interval")).isEqualTo("2m");
  }

  @Test
  void defaultsAreTheEmbeddedSetup() {
    EdgeProperties properties = bind(environmentWith(Map.of()));

    assertThat(properties.port()).isEqualTo(8080);
    assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
    assertThat(properties.db().isEmbedded()).isTrue();
    assertThat(properties.bootstrapToken()).isEmpty();
    assertThat(properties.masterKey()).isEmpty();
    assertThat(properties.previousMasterKeys()).isEmpty();
    assertThat(properties.hub().leafUrl()).isEqualTo("tls://nats.serviceradar.cloud:7422");
    assertThat(properties.hub().clientUrl()).isEmpty();
    assertThat(properties.hub().listenHost()).isEqualTo("0.0.0.0");
    assertThat(properties.hub().dev()).isFalse();
    assertThat(properties.pki().leafCertificateValidity()).isEqualTo(java.time.Period.ofYears(1));
  }

  @Test
  void secretsDoNotAppearInToString() {
    EdgeProperties properties =
        bind(
            environmentWith(
                Map.of(
                    "EDGE_DB_PASSWORD", "s3cret",
                    "EDGE_BOOTSTRAP_TOKEN", "sre_bootstrap",
                    "EDGE_MASTER_KEY", "bWFzdGVy",
                    "EDGE_NATS_OPERATOR_SIGNING_SEED", "SOAEXAMPLESEED")));

    assertThat(properties.toString())
        .doesNotContain("s3cret")
        .doesNotContain("sre_bootstrap")
        .doesNotContain("bWFzdGVy")
        .doesNotContain("SOAEXAMPLESEED");
  }
}
