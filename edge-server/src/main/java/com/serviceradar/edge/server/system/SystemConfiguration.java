package com.serviceradar.edge.server.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

  @Bean
  DataDirectory dataDirectory(EdgeProperties properties) {
    return new DataDirectory(properties.dataDir());
  }

  /** One clock for everything that stamps time, so tests can pin it. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
