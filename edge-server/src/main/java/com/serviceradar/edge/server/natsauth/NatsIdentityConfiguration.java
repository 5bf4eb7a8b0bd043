package com.serviceradar.edge.server.natsauth;

import com.serviceradar.edge.natsauth.NatsIdentities;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NatsIdentityConfiguration {

  @Bean
  NatsIdentities natsIdentities(Clock clock, SecureRandom random) {
    return new NatsIdentities(clock, random);
  }
}
