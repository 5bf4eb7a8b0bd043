package com.serviceradar.edge.server.install;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The installer's downloads are open to anyone: an edge host has nothing to sign in with before it
 * enrolls, and neither holds a secret. Their own chain, ahead of the API's and the pages', keeps
 * them free of sessions and login redirects.
 */
@Configuration(proxyBeanMethods = false)
class InstallSecurityConfiguration {

  @Bean
  @Order(0)
  SecurityFilterChain installDownloads(HttpSecurity http) throws Exception {
    http.securityMatcher("/install.sh", "/downloads/**")
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(rules -> rules.anyRequest().permitAll());
    return http.build();
  }
}
