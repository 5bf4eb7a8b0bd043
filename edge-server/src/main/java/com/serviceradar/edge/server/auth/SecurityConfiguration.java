package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.system.ProblemResponses;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Which role may call what. Tenant scoping (another tenant's object answers 404) is enforced by
 * each feature's service, because only it knows which tenant owns an object.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String OPERATOR = "PLATFORM_OPERATOR";
  private static final String ADMIN = "TENANT_ADMIN";
  private static final String VIEWER = "TENANT_VIEWER";
  private static final String AGENT = "SITE_AGENT";

  /** Before the web UI's chain, which takes every request this one does not match. */
  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ProblemResponses problems)
      throws Exception {
    http.securityMatcher("/api/**", "/actuator/**", "/error")
        // Bearer tokens are not sent by browsers on their own, so CSRF cannot ride on them.
        .csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(
            new BearerTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            problems.write(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "a valid bearer token is required"))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "not allowed for this role")))
        .authorizeHttpRequests(
            rules ->
                rules
                    // The async dispatch that completes a server-sent-events stream was authorized
                    // when the stream was opened.
                    .dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/v1/enroll")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/onboarding-packages",
                        "/api/v1/onboarding-packages/**")
                    .hasAnyRole(ADMIN, VIEWER)
                    .requestMatchers(
                        "/api/v1/onboarding-packages", "/api/v1/onboarding-packages/**")
                    .hasRole(ADMIN)
                    .requestMatchers(
                        "/error", "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                    .permitAll()
                    .requestMatchers(
                        "/api/v1/tenants/*/api-tokens", "/api/v1/tenants/*/api-tokens/*")
                    .hasAnyRole(OPERATOR, ADMIN)
                    .requestMatchers("/api/v1/hub/**", "/api/v1/fleet/**")
                    .hasRole(OPERATOR)
                    .requestMatchers("/api/v1/tenants", "/api/v1/tenants/**")
                    .hasRole(OPERATOR)
                    .requestMatchers("/api/v1/users", "/api/v1/users/**")
                    .hasRole(OPERATOR)
                    // A site agent reads its own site, its configuration, reports what its host
                    // installed, gets its notice creds and renews its identity; the site services
                    // answer 404 for any
                    // other site.
                    .requestMatchers(HttpMethod.GET, "/api/v1/edge-sites/stream")
                    .hasAnyRole(ADMIN, VIEWER)
                    .requestMatchers(HttpMethod.GET, "/api/v1/edge-sites/*")
                    .hasAnyRole(ADMIN, VIEWER, AGENT)
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/edge-sites/*/bundle",
                        "/api/v1/edge-sites/*/host-config")
                    .hasAnyRole(ADMIN, AGENT)
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/v1/edge-sites/*/synced",
                        "/api/v1/edge-sites/*/notice-creds")
                    .hasAnyRole(ADMIN, AGENT)
                    // Renewing a leaf's identity hands out its new keys, which its agent may
                    // already download: tenant admins and the site's own agent (hands-off renewal).
                    .requestMatchers(
                        HttpMethod.POST,
                        "/api/v1/edge-sites/*/rotate",
                        "/api/v1/edge-sites/*/rotate/*")
                    .hasAnyRole(ADMIN, AGENT)
                    .requestMatchers(HttpMethod.GET, "/api/v1/edge-sites/*/rotate")
                    .hasAnyRole(ADMIN, VIEWER, AGENT)
                    .requestMatchers(HttpMethod.GET, "/api/v1/edge-sites", "/api/v1/edge-sites/**")
                    .hasAnyRole(ADMIN, VIEWER)
                    .requestMatchers("/api/v1/edge-sites", "/api/v1/edge-sites/**")
                    .hasRole(ADMIN)
                    // Viewers read packages; the bundle (creds and keys) and changes are admin's.
                    .requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/collector-packages",
                        "/api/v1/collector-packages/*")
                    .hasAnyRole(ADMIN, VIEWER)
                    .requestMatchers("/api/v1/collector-packages", "/api/v1/collector-packages/**")
                    .hasRole(ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/**")
                    .hasAnyRole(OPERATOR, ADMIN, VIEWER)
                    // Every role but the site agent; it has only the rules above.
                    .anyRequest()
                    .hasAnyRole(OPERATOR, ADMIN, VIEWER));
    return http.build();
  }

  /** Web UI passwords: BCrypt, stored with its {@code {bcrypt}} id so the scheme can change. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
