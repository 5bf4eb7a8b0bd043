package com.serviceradar.edge.server.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.SessionCookieConfig;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The pages' chain. The API keeps its own stateless bearer-token chain (auth package, order 1);
 * this one takes every other request: a session after form login, CSRF on every form and htmx
 * request, and a session cookie that scripts cannot read and other sites do not send. Which role
 * may open a page is declared on its handler ({@code @TenantAdmin} and the rest).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

  static final String SESSION_COOKIE = "EDGE_SESSION";

  @Bean
  @Order(2)
  SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
    http.formLogin(
            form ->
                form.loginPage("/login")
                    .defaultSuccessUrl("/", true)
                    .failureUrl("/login?error")
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/logout")
                    .logoutSuccessUrl("/login?logout")
                    .deleteCookies(SESSION_COOKIE))
        // A page rather than the API's problem+json; the status stays 403.
        .exceptionHandling(errors -> errors.accessDeniedPage("/forbidden"))
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; object-src 'none';"
                                + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'")))
        .authorizeHttpRequests(
            rules ->
                rules
                    // The async dispatch that completes a live stream was authorized when it
                    // opened.
                    .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                    .permitAll()
                    .requestMatchers(
                        "/login", "/forbidden", "/css/**", "/js/**", "/webjars/**", "/favicon.ico")
                    .permitAll()
                    // Which role may open a page is declared on its handler.
                    .anyRequest()
                    .authenticated());
    return http.build();
  }

  /** The session cookie: HttpOnly, SameSite=Lax, and Secure unless turned off for plain HTTP. */
  @Bean
  ServletContextInitializer sessionCookie(WebSettings settings) {
    return servletContext -> {
      SessionCookieConfig cookie = servletContext.getSessionCookieConfig();
      cookie.setName(SESSION_COOKIE);
      cookie.setHttpOnly(true);
      cookie.setSecure(settings.secureCookie());
      cookie.setAttribute("SameSite", "Lax");
    };
  }
}
