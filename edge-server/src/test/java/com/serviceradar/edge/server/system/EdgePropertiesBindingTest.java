package com.serviceradar.edge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** Each documented EDGE_* variable reaches its setting, through the real application.properties. */
class EdgePropertiesBindingTest {

  private static ConfigurableEnvironment environmentWith(Map<String, Object> variables)
      throws IOException {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    for (PropertySource<?> source :
        new PropertiesPropertySourceLoader()
            .load("application", new ClassPathResource("application.properties"))) {
      environment.getPropertySources().addLast(source);
    }
    ConfigurationPropertySources.attach(environment);
    return environment;
  }

  private static EdgeProperties bind(ConfigurableEnvironment environment) {
    return Binder.get(environment).bind("edge", EdgeProperties.class).get();
  }

  @Test
  void everyDocumentedVariableBinds() throws IOException {
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
  void defaultsAreTheEmbeddedSetup() throws IOException {
    EdgeProperties properties = bind(environmentWith(Map.of()));

    assertThat(properties.port()).isEqualTo(8080);
    assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
    assertThat(properties.db().isEmbedded()).isTrue();
    assertThat(properties.bootstrapToken()).isEmpty();
  }

  @Test
  void secretsDoNotAppearInToString() throws IOException {
    EdgeProperties properties =
        bind(
            environmentWith(
                Map.of("EDGE_DB_PASSWORD", "s3cret", "EDGE_BOOTSTRAP_TOKEN", "sre_bootstrap")));

    assertThat(properties.toString()).doesNotContain("s3cret").doesNotContain("sre_bootstrap");
  }
}
