package com.serviceradar.edge.server.install;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The installer's downloads are open to anyone: an edge host has nothing to sign in with before it
 * enrolls, and neither download holds a secret. Their own chain, ahead of the API's and the pages',
 * keeps them free of bearer tokens and login redirects; nothing here authenticates, so no session
 * is made either.
 */
@Configuration(proxyBeanMethods = false)
class InstallSecurityConfiguration {

  @Bean
  @Order(0)
  SecurityFilterChain installDownloads(HttpSecurity http) throws Exception {
    http.securityMatcher("/install.sh", "/downloads/**")
        .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
    return http.build();
  }
}
