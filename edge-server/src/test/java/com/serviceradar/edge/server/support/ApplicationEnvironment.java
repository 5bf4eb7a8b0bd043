package com.serviceradar.edge.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The real {@code application.properties} with the given process environment variables, as Spring
 * would see them at start, for tests that each documented {@code EDGE_*} variable binds.
 */
public final class ApplicationEnvironment {

  private ApplicationEnvironment() {}

  public static ConfigurableEnvironment withVariables(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    try {
      for (PropertySource<?> source :
          new PropertiesPropertySourceLoader()
              .load("application", new ClassPathResource("application.properties"))) {
        environment.getPropertySources().addLast(source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ConfigurationPropertySources.attach(environment);
    return environment;
  }
}
