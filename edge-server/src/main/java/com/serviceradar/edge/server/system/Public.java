package com.serviceradar.edge.server.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Anyone may call this handler, without signing in. Each use says why; the security filter chains
 * must also let its path through unauthenticated (they list the public paths).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Public {
  /** Why this handler needs no caller identity. */
  String value();
}
