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
 * The API's bearer-token chain: who the caller is, the open paths, and a fence that keeps site
 * agents' tokens to the edge-site paths. Which role may call a handler is declared on the handler
 * ({@code @TenantAdmin} and the rest, checked by {@link HandlerAuthorization}); tenant scoping
 * (another tenant's object answers 404) is enforced by each feature's service, because only it
 * knows which tenant owns an object.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final String OPERATOR = "PLATFORM_OPERATOR";
  private static final String ADMIN = "TENANT_ADMIN";
  private static final String VIEWER = "TENANT_VIEWER";

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
                    // The @Public handlers and Actuator's open endpoints.
                    .requestMatchers(HttpMethod.POST, "/api/v1/enroll")
                    .permitAll()
                    .requestMatchers(
                        "/error", "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                    .permitAll()
                    // A site agent's token never leaves its site's paths; there, as everywhere,
                    // the handler's authorization annotation decides (HandlerAuthorization).
                    .requestMatchers("/api/v1/edge-sites", "/api/v1/edge-sites/**")
                    .authenticated()
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
