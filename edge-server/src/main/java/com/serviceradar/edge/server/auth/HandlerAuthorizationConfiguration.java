package com.serviceradar.edge.server.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Checks every handler's authorization annotation, for the API and the pages alike. */
@Configuration(proxyBeanMethods = false)
class HandlerAuthorizationConfiguration implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerAuthorization());
  }
}
